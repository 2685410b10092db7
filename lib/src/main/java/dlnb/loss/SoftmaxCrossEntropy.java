package dlnb.loss;

import dlnb.ops.Blas;
import dlnb.ops.Kernel;
import dlnb.ops.Kernels;
import dlnb.ops.Losses;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cross-entropy of softmax(z) against one-hot targets, for raw scores z: L = -Σ y·log softmax(z). The gradient is
 * softmax(z) - y.
 * <p>
 * ND4J's log_softmax takes the log of the softmax, which underflows to 0 in float32 once a score trails the row's
 * best by about 104, and then gives -∞ (and 0·-∞ = NaN in the loss) even for a confident correct prediction. Any
 * such -∞ makes the loss non-finite, and only then is the batch computed again the stable way:
 * log softmax(z)_i = z_i - m - log Σ_j exp(z_j - m), with m the row's largest score: every exponent is at most 0, so
 * nothing overflows, and the largest term is exp(0) = 1, so the logarithm never sees 0. Ordinary batches thus cost
 * one native op, as before; the stable pass costs six. (A target score that trails by 87 to 104 reaches ND4J's op as
 * a subnormal probability: that example's loss is finite but off by up to about 0.7 of its 87-104; its gradient,
 * softmax - y, is right.) With the Vector API (see dlnb.ops.Losses) the stable form is the only one: one pass per row
 * gives the loss, the gradient and whether the row was right.
 */
public final class SoftmaxCrossEntropy extends BoundLoss<SoftmaxCrossEntropy.Bound> {

    static final class Bound extends Buffers {
        /** Per row: the largest score, then log Σ exp(z - max). */
        final INDArray rowMax, logSum;
        final Kernel logSoftmax, max, shift, exp, sum, log, normalise, softmax;

        Bound(INDArray z) {
            super(z);
            long n = z.size(0);
            rowMax = Nd4j.createUninitialized(z.dataType(), n);
            logSum = Nd4j.createUninitialized(z.dataType(), n);
            logSoftmax = Kernels.logSoftmax(z, work);
            max = Kernels.of(new Max(z, null, rowMax, false, new int[]{1}));
            shift = Kernels.of(new BroadcastSubOp(z, rowMax, work, 0));          // work = z - m
            exp = Kernels.exp(work, grad);                                        // grad = exp(z - m)
            sum = Kernels.of(new Sum(grad, null, logSum, false, new int[]{1}));  // Σ exp(z - m) >= 1
            log = Kernels.log(logSum, logSum);
            normalise = Kernels.of(new BroadcastSubOp(work, logSum, work, 0));   // work = log softmax(z)
            softmax = Kernels.exp(work, grad);
            fused = Losses.softmaxCrossEntropy(z, target, grad);
        }
    }

    public SoftmaxCrossEntropy(Reduction reduction) {
        super(reduction);
    }

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    Bound bind(INDArray output) {
        return new Bound(output);
    }

    @Override
    double compute(Bound b) {
        b.logSoftmax.run();
        double sum = Blas.dot(b.target, b.work);
        if (!Double.isFinite(sum)) {
            b.max.run();
            b.shift.run();
            b.exp.run();
            b.sum.run();
            b.log.run();
            b.normalise.run();
            sum = Blas.dot(b.target, b.work);
        }
        return 0.0 - sum * scale;  // 0.0 - x: a perfect batch gives 0, not -0
    }

    /** (softmax(z) - y), scaled like the loss. */
    @Override
    public INDArray backward() {
        Bound b = current();
        if (fusedGradient()) return b.grad;
        b.softmax.run();
        Blas.axpy(-1, b.target, b.grad);
        Blas.scal(scale, b.grad);
        return b.grad;
    }
}
