package dlnb.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise steps of the layers as single passes, bound once to their arrays: on the JDK Vector API when it is
 * there ({@link VectorKernels}), otherwise as the same computation in ND4J operations. Both give the same results up
 * to float rounding (a test compares them); the Vector API pass reads and writes each element once and never calls
 * into native code, which for the small arrays of a mini-batch is most of the time an ND4J call takes. Arrays that
 * are not contiguous float32 (float64 models for gradient checks, say) always take the ND4J path.
 */
public final class Fused {
    private Fused() {
    }

    /** z = f(z), in place. */
    public static Kernel apply(Pointwise f, INDArray z) {
        if (f == Pointwise.IDENTITY) return () -> { };
        return FloatBuffers.fits(z) ? VectorKernels.apply(f, z) : nd4jApply(f, z);
    }

    /** z[r, :] = f(z[r, :] + b) for every row: adds the bias row b [1, columns] to z [rows, columns], then applies f. */
    public static Kernel biasApply(Pointwise f, INDArray z, INDArray b) {
        return FloatBuffers.fits(z) && FloatBuffers.fits(b) ? VectorKernels.biasApply(f, z, b) : nd4jBiasApply(f, z, b);
    }

    /** out = g ⊙ f'(a), the derivative taken from the stored output a (out may be g). */
    public static Kernel gradient(Pointwise f, INDArray a, INDArray g, INDArray out) {
        if (f == Pointwise.IDENTITY) return out == g ? () -> { } : () -> out.assign(g);
        return FloatBuffers.fits(a) && FloatBuffers.fits(g) && FloatBuffers.fits(out) ? VectorKernels.gradient(f, a, g, out)
                : nd4jGradient(f, a, g, out);
    }

    /** Each row of z [rows, columns] replaced by its softmax, in place. */
    public static Kernel softmaxRows(INDArray z) {
        return FloatBuffers.fits(z) && z.rank() == 2 ? VectorKernels.softmaxRows(z) : Kernels.softmax(z, z);
    }

    static Kernel nd4jApply(Pointwise f, INDArray z) {
        return switch (f) {
            case IDENTITY -> () -> { };
            case RELU -> Kernels.relu(z, z);
            case SIGMOID -> Kernels.sigmoid(z, z);
            case TANH -> Kernels.tanh(z, z);
            case ELU -> Kernels.elu(z, z);
        };
    }

    /** The bias as a product: a column of ones [rows, 1] times the row b, added onto z; then f. */
    static Kernel nd4jBiasApply(Pointwise f, INDArray z, INDArray b) {
        INDArray ones = Nd4j.ones(z.dataType(), z.rows(), 1);
        Kernel activate = nd4jApply(f, z);
        return () -> {
            Blas.gemm(ones, false, b, false, z, 1, 1);
            activate.run();
        };
    }

    static Kernel nd4jGradient(Pointwise f, INDArray a, INDArray g, INDArray out) {
        INDArray d = Nd4j.createUninitialized(a.dataType(), a.shape());
        Kernel derivative = switch (f) {
            case IDENTITY -> () -> d.assign(1);
            case RELU -> Kernels.step(a, d);
            case SIGMOID -> Kernels.timesOneMinus(a, d);
            case TANH -> sequence(Kernels.square(a, d), Kernels.oneMinus(d, d));
            case ELU -> sequence(Kernels.minScalar(a, 0.0, d), Kernels.addScalar(d, 1.0, d));
        };
        Kernel multiply = Kernels.mul(g, d, out);
        return sequence(derivative, multiply);
    }

    private static Kernel sequence(Kernel first, Kernel second) {
        return () -> {
            first.run();
            second.run();
        };
    }
}
