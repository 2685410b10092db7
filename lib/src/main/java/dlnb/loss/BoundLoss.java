package dlnb.loss;

import dlnb.ops.BatchCache;
import dlnb.ops.Blas;
import dlnb.ops.LossPass;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Shared machinery of the losses: per-batch-size work arrays, with the targets copied into an array the loss owns so
 * every kernel is bound once to fixed arrays; shape checks; the reduction scale.
 */
abstract class BoundLoss<B extends BoundLoss.Buffers> implements Loss {
    private final Reduction reduction;
    private final BatchCache<B> cache = new BatchCache<>();
    protected B current;
    protected double scale;
    private long correct = -1;

    /**
     * Work arrays of one batch size; subclasses add the kernels bound to them, and the fused pass (value, gradient and
     * right rows at once) when the arrays allow one.
     */
    static class Buffers {
        final INDArray output, target, grad, work;
        LossPass fused;

        Buffers(INDArray output) {
            this.output = output;
            target = Nd4j.createUninitialized(output.dataType(), output.shape());
            grad = Nd4j.createUninitialized(output.dataType(), output.shape());
            work = Nd4j.createUninitialized(output.dataType(), output.shape());
        }
    }

    BoundLoss(Reduction reduction) {
        if (reduction == null) throw new IllegalArgumentException("reduction must be SUM or MEAN");
        this.reduction = reduction;
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public final double forward(INDArray output, INDArray target) {
        if (!Arrays.equals(output.shape(), target.shape()) || output.rank() != 2) {
            throw new IllegalArgumentException(name() + ": output " + Arrays.toString(output.shape()) + " and target "
                    + Arrays.toString(target.shape()) + " must both be [batch, outputs] of the same shape");
        }
        long batch = output.size(0);
        B b = cache.get(batch, n -> bind(output));
        if (b.output != output) {
            b = bind(output);
            cache.put(batch, b);
        }
        Blas.copy(target, b.target);
        scale = reduction.scale(batch);
        current = b;
        if (b.fused != null) {
            double sum = b.fused.run(scale);
            correct = b.fused.correct();
            return 0.0 + sum * scale;  // 0.0 + x: a perfect batch gives 0, not -0
        }
        correct = -1;
        return compute(b);
    }

    /** Rows of the last batch whose largest output is at the target's 1, when the fused pass counted them; else -1. */
    @Override
    public long correct() {
        return correct;
    }

    /** Whether the last forward ran the fused pass, which already wrote the gradient before the activation. */
    protected boolean fusedGradient() {
        return current().fused != null;
    }

    protected B current() {
        if (current == null) throw new IllegalStateException(name() + ": call forward before backward");
        return current;
    }

    /**
     * (output - target), scaled like the loss: the gradient of a cross-entropy with respect to the value before its
     * matching output activation (softmax for categorical, sigmoid for binary).
     */
    protected INDArray outputMinusTarget() {
        B b = current();
        if (b.fused != null) return b.grad;
        Blas.copy(b.output, b.grad);
        Blas.axpy(-1, b.target, b.grad);
        Blas.scal(scale, b.grad);
        return b.grad;
    }

    /** Allocates the work arrays for this output array and binds the kernels to them. */
    abstract B bind(INDArray output);

    /** The batch's loss, scaled by {@link #scale}. */
    abstract double compute(B b);

    @Override
    public String toString() {
        return name() + " (" + reduction.name().toLowerCase() + " over the batch)";
    }
}
