package dlnb.loss;

import dlnb.ops.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Squared error averaged over the outputs of an example: L = Σ (a - y)² / outputs. */
public final class MeanSquaredError extends BoundLoss<BoundLoss.Buffers> {

    public MeanSquaredError(Reduction reduction) {
        super(reduction);
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    Buffers bind(INDArray output) {
        return new Buffers(output);
    }

    @Override
    double compute(Buffers b) {
        Blas.copy(b.output, b.work);
        Blas.axpy(-1, b.target, b.work);
        return Blas.dot(b.work, b.work) / b.output.size(1) * scale;
    }

    /** 2 (a - y) / outputs, scaled like the loss. */
    @Override
    public INDArray backward() {
        Buffers b = current();
        Blas.copy(b.work, b.grad);
        Blas.scal(2.0 / b.output.size(1) * scale, b.grad);
        return b.grad;
    }
}
