package dlnb.nn;

import dlnb.ops.Blas;
import dlnb.ops.Kernel;
import dlnb.ops.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Activation functions a = f(z), applied element by element (softmax: row by row). Each derivative is computed
 * from the stored output a, never from the input z, where the maths allows (the lesson of the back-propagation
 * article): nothing but a has to be kept, and nothing is computed twice.
 * <pre>
 * IDENTITY  a = z                        f' = 1
 * RELU      a = max(z, 0)                f' = 1 where a > 0, else 0
 * SIGMOID   a = 1 / (1 + e^-z)           f' = a·(1 - a)
 * TANH      a = tanh z                   f' = 1 - a²
 * ELU       a = z if z > 0, e^z - 1      f' = 1 where a > 0, else a + 1   (= min(a, 0) + 1)
 * SOFTMAX   a_i = e^z_i / Σ_j e^z_j      dz = a ⊙ (da - Σ_j da_j·a_j)     (rows couple: no element-wise f')
 * </pre>
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

    /** The name Keras gives it: "linear", "relu", "sigmoid", ... */
    @Override
    public String toString() {
        return this == IDENTITY ? "linear" : name().toLowerCase(Locale.ROOT);
    }
}
