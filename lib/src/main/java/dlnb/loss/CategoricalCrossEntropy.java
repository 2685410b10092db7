package dlnb.loss;

import dlnb.nn.Activation;
import dlnb.ops.Blas;
import dlnb.ops.Kernel;
import dlnb.ops.Kernels;
import dlnb.ops.Losses;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cross-entropy of predicted probabilities p (a softmax output layer) against one-hot targets: L = -Σ y·log p,
 * with p clipped to [1e-7, 1] as Keras does. Behind a softmax the gradient folds to p - y.
 */
public final class CategoricalCrossEntropy extends BoundLoss<CategoricalCrossEntropy.Bound> {
    static final double EPSILON = 1e-7;

    static final class Bound extends Buffers {
        final Kernel clip, log, divide;

        Bound(INDArray p) {
            super(p);
            clip = Kernels.of(new org.nd4j.linalg.api.ops.impl.scalar.ScalarMax(p, null, work, EPSILON));
            log = Kernels.log(work, grad);
            fused = Losses.categoricalCrossEntropy(p, target, grad, EPSILON);
            divide = Kernels.div(target, work, grad);
        }
    }

    public CategoricalCrossEntropy(Reduction reduction) {
        super(reduction);
    }

    @Override
    public String name() {
        return "categorical_cross_entropy";
    }

    @Override
    Bound bind(INDArray output) {
        return new Bound(output);
    }

    @Override
    double compute(Bound b) {
        b.clip.run();
        b.log.run();
        return -Blas.dot(b.target, b.grad) * scale;
    }

    /** -y / p, scaled like the loss. */
    @Override
    public INDArray backward() {
        Bound b = current();
        if (fusedGradient()) compute(b); // the fused pass skipped the ND4J work arrays this gradient reads
        b.divide.run();
        Blas.scal(-scale, b.grad);
        return b.grad;
    }

    @Override
    public boolean fusesWith(Activation activation) {
        return activation == Activation.SOFTMAX;
    }

    /** p - y, scaled like the loss. */
    @Override
    public INDArray backwardPreActivation() {
        return outputMinusTarget();
    }
}
