package dlnb.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The cross-entropies as single fused passes ({@link VectorLosses}), for [batch, classes] outputs and one-hot
 * targets; null when the Vector API is not there, the arrays are not contiguous float32 or a row is longer than a
 * vector (16 classes with AVX-512), and the loss then uses its ND4J operations. A test compares the two.
 */
public final class Losses {
    private Losses() {
    }

    /** Softmax cross-entropy on raw scores; gradient softmax(z) - y. */
    public static LossPass softmaxCrossEntropy(INDArray z, INDArray y, INDArray grad) {
        return fits(z, y, grad) ? VectorLosses.softmaxCrossEntropy(z, y, grad) : null;
    }

    /** Cross-entropy of probabilities p, each clipped to at least {@code epsilon}; gradient before the softmax p - y. */
    public static LossPass categoricalCrossEntropy(INDArray p, INDArray y, INDArray grad, double epsilon) {
        return fits(p, y, grad) ? VectorLosses.categoricalCrossEntropy(p, y, grad, (float) epsilon) : null;
    }

    /** Log loss of sigmoid outputs a clipped to [ε, 1-ε]; gradient before the sigmoid a - y. */
    public static LossPass binaryCrossEntropy(INDArray a, INDArray y, INDArray grad, double epsilon) {
        return fits(a, y, grad) ? VectorLosses.binaryCrossEntropy(a, y, grad, (float) epsilon) : null;
    }

    private static boolean fits(INDArray... arrays) {
        for (INDArray a : arrays) if (a.rank() != 2 || !FloatBuffers.fits(a)) return false;
        return VectorLosses.fits(arrays[0]);
    }
}
