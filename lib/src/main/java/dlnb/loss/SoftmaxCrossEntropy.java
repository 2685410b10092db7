package dlnb.loss;

import dlnb.ops.Blas;
import dlnb.ops.Kernel;
import dlnb.ops.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cross-entropy of softmax(z) against one-hot targets, for raw scores z: L = -Σ y·log softmax(z), computed
 * through log-softmax so large scores cannot overflow. The gradient is softmax(z) - y.
 */
public final class SoftmaxCrossEntropy extends BoundLoss<SoftmaxCrossEntropy.Bound> {

    static final class Bound extends Buffers {
        final Kernel logSoftmax, exp;

        Bound(INDArray z) {
            super(z);
            logSoftmax = Kernels.logSoftmax(z, work);
            exp = Kernels.exp(work, grad);
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
        return -Blas.dot(b.target, b.work) * scale;
    }

    /** (softmax(z) - y), scaled like the loss. */
    @Override
    public INDArray backward() {
        Bound b = current();
        b.exp.run();
        Blas.axpy(-1, b.target, b.grad);
        Blas.scal(scale, b.grad);
        return b.grad;
    }
}
