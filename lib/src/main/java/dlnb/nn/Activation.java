package dlnb.nn;

import dlnb.ops.Blas;
import dlnb.ops.Kernel;
import dlnb.ops.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Activation functions. Each derivative is computed from the stored output A, never from the input Z, where the
 * maths allows (the lesson of the back-propagation article): sigmoid' = A(1-A), tanh' = 1-A², relu' = [A>0],
 * elu' = min(A,0)+1.
 */
public enum Activation {
    IDENTITY, RELU, SIGMOID, TANH, ELU, SOFTMAX;

    /** "relu", "sigmoid", "tanh", "elu", "softmax", "linear"/"identity" (as in Keras), case-insensitive. */
    public static Activation byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("linear") || n.equals("none")) return IDENTITY;
        for (Activation a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(n)) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; use one of relu, sigmoid, tanh, elu, softmax, linear");
    }

    /** Applies the activation to z in place. */
    public Kernel forward(INDArray z) {
        return switch (this) {
            case IDENTITY -> () -> { };
            case RELU -> Kernels.relu(z, z);
            case SIGMOID -> Kernels.sigmoid(z, z);
            case TANH -> Kernels.tanh(z, z);
            case ELU -> Kernels.elu(z, z);
            case SOFTMAX -> Kernels.softmax(z, z);
        };
    }

    /**
     * gradIn = gradOut * f'(from out), for the arrays given (gradIn may be gradOut). Scratch space is allocated
     * here, once.
     */
    public Kernel backward(INDArray out, INDArray gradOut, INDArray gradIn) {
        switch (this) {
            case IDENTITY:
                return gradIn == gradOut ? () -> { } : () -> gradIn.assign(gradOut);
            case SOFTMAX:
                return softmaxBackward(out, gradOut, gradIn);
            default:
                INDArray derivative = Nd4j.createUninitialized(out.dataType(), out.shape());
                Kernel fill = derivativeFromOutput(out, derivative);
                Kernel multiply = Kernels.mul(gradOut, derivative, gradIn);
                return () -> {
                    fill.run();
                    multiply.run();
                };
        }
    }

    private Kernel derivativeFromOutput(INDArray a, INDArray d) {
        return switch (this) {
            case RELU -> Kernels.step(a, d);
            case SIGMOID -> Kernels.timesOneMinus(a, d);
            case TANH -> sequence(Kernels.square(a, d), Kernels.oneMinus(d, d));
            case ELU -> sequence(Kernels.minScalar(a, 0.0, d), Kernels.addScalar(d, 1.0, d));
            default -> throw new IllegalStateException("no element-wise derivative for " + this);
        };
    }

    /** Softmax couples a row's outputs: gradIn = p * (g - rowSum(g * p)). */
    private static Kernel softmaxBackward(INDArray p, INDArray g, INDArray gradIn) {
        if (p.rank() != 2) throw new IllegalArgumentException("softmax expects [batch, classes], got rank " + p.rank());
        long rows = p.rows(), cols = p.columns();
        INDArray gp = Nd4j.createUninitialized(p.dataType(), rows, cols);
        INDArray rowSums = Nd4j.createUninitialized(p.dataType(), rows, 1);
        INDArray onesCol = Nd4j.ones(p.dataType(), cols, 1);
        INDArray onesRow = Nd4j.ones(p.dataType(), 1, cols);
        Kernel product = Kernels.mul(g, p, gp);
        Kernel scale = Kernels.mul(gradIn, p, gradIn);
        return () -> {
            product.run();
            Blas.gemm(gp, false, onesCol, false, rowSums, 1, 0);
            if (gradIn != g) gradIn.assign(g);
            Blas.gemm(rowSums, false, onesRow, false, gradIn, -1, 1);
            scale.run();
        };
    }

    private static Kernel sequence(Kernel first, Kernel second) {
        return () -> {
            first.run();
            second.run();
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
