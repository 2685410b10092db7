package dlnb.optim;

import dlnb.ops.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain stochastic gradient descent: p -= lr·g. */
public final class Sgd extends BaseOptimizer {
    public Sgd(double learningRate) {
        super(learningRate);
    }

    @Override
    public String name() {
        return "SGD";
    }

    @Override
    void allocate(INDArray params) {
    }

    @Override
    void bind(INDArray params, INDArray grads) {
    }

    @Override
    void step(INDArray params, INDArray grads) {
        Blas.axpy(-learningRate(), grads, params);
    }

    @Override
    public java.util.Map<String, Object> config() {
        return configWith();
    }
}
