package dlnb.nn;

import dlnb.ops.Blas;
import dlnb.ops.Kernel;
import dlnb.ops.Fused;
import dlnb.ops.Kernels;
import dlnb.ops.Pointwise;
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

    /** The element-wise function this activation is; null for SOFTMAX, whose rows couple. */
    Pointwise pointwise() {
        return switch (this) {
            case IDENTITY -> Pointwise.IDENTITY;
            case RELU -> Pointwise.RELU;
            case SIGMOID -> Pointwise.SIGMOID;
            case TANH -> Pointwise.TANH;
            case ELU -> Pointwise.ELU;
            case SOFTMAX -> null;
        };
    }

    /** Applies the activation to z in place: a = f(z), one pass (see {@link Fused}). */
    public Kernel forward(INDArray z) {
        return this == SOFTMAX ? Fused.softmaxRows(z) : Fused.apply(pointwise(), z);
    }

    /** Adds the bias row b to every row of z [batch, units], then applies the activation: a = f(z + b), in place. */
    public Kernel forwardWithBias(INDArray z, INDArray b) {
        if (this != SOFTMAX) return Fused.biasApply(pointwise(), z, b);
        Kernel addBias = Fused.biasApply(Pointwise.IDENTITY, z, b), softmax = Fused.softmaxRows(z);
        return () -> {
            addBias.run();
            softmax.run();
        };
    }

    /** gradIn = gradOut ⊙ f'(out), f' taken from the stored output (gradIn may be gradOut); bound once to these arrays. */
    public Kernel backward(INDArray out, INDArray gradOut, INDArray gradIn) {
        return this == SOFTMAX ? softmaxBackward(out, gradOut, gradIn) : Fused.gradient(pointwise(), out, gradOut, gradIn);
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

    /** The name Keras gives it: "linear", "relu", "sigmoid", ... */
    @Override
    public String toString() {
        return this == IDENTITY ? "linear" : name().toLowerCase(Locale.ROOT);
    }
}
