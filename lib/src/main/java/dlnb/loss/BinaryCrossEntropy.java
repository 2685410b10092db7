package dlnb.loss;

import dlnb.nn.Activation;
import dlnb.ops.Blas;
import dlnb.ops.Kernel;
import dlnb.ops.Kernels;
import dlnb.ops.Losses;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Log loss of sigmoid outputs a against 0/1 targets, summed over the outputs of an example:
 * L = -Σ [y·log a + (1-y)·log(1-a)], a clipped to [1e-7, 1-1e-7]. Behind a sigmoid the gradient folds to a - y.
 */
public final class BinaryCrossEntropy extends BoundLoss<BinaryCrossEntropy.Bound> {
    static final double EPSILON = 1e-7;

    static final class Bound extends Buffers {
        final INDArray logA, logOneMinusA;
        final Kernel clipLow, clipHigh, log, oneMinus, logOneMinus, derivative, divide;

        Bound(INDArray a) {
            super(a);
            logA = Nd4j.createUninitialized(a.dataType(), a.shape());
            logOneMinusA = Nd4j.createUninitialized(a.dataType(), a.shape());
            clipLow = Kernels.of(new org.nd4j.linalg.api.ops.impl.scalar.ScalarMax(a, null, work, EPSILON));
            clipHigh = Kernels.minScalar(work, 1 - EPSILON, work);
            log = Kernels.log(work, logA);
            oneMinus = Kernels.oneMinus(work, logOneMinusA);
            logOneMinus = Kernels.log(logOneMinusA, logOneMinusA);
            derivative = Kernels.timesOneMinus(work, work);
            fused = Losses.binaryCrossEntropy(a, target, grad, EPSILON);
            divide = Kernels.div(grad, work, grad);
        }
    }

    public BinaryCrossEntropy(Reduction reduction) {
        super(reduction);
    }

    @Override
    public String name() {
        return "binary_cross_entropy";
    }

    @Override
    Bound bind(INDArray output) {
        return new Bound(output);
    }

    @Override
    double compute(Bound b) {
        b.clipLow.run();
        b.clipHigh.run();
        b.log.run();
        b.oneMinus.run();
        b.logOneMinus.run();
        // Σ y·log a + Σ (1-y)·log(1-a), where Σ log(1-a) = -Σ |log(1-a)| since every log(1-a) <= 0.
        double sum = Blas.dot(b.target, b.logA) - Blas.asum(b.logOneMinusA) - Blas.dot(b.target, b.logOneMinusA);
        return -sum * scale;
    }

    /** (a - y) / (a(1 - a)), scaled like the loss. */
    @Override
    public INDArray backward() {
        Bound b = current();
        if (fusedGradient()) compute(b); // the fused pass skipped the ND4J work arrays this gradient reads
        Blas.copy(b.work, b.grad);
        Blas.axpy(-1, b.target, b.grad);
        b.derivative.run();
        b.divide.run();
        Blas.scal(scale, b.grad);
        return b.grad;
    }

    @Override
    public boolean fusesWith(Activation activation) {
        return activation == Activation.SIGMOID;
    }

    /** a - y, scaled like the loss. */
    @Override
    public INDArray backwardPreActivation() {
        return outputMinusTarget();
    }
}
