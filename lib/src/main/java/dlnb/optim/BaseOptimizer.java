package dlnb.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/** Learning rate, and state arrays sized to the parameters and kept between steps. */
abstract class BaseOptimizer implements Optimizer {
    private double learningRate;
    private INDArray boundParams;
    private final List<INDArray> state = new ArrayList<>();
    protected long steps;

    BaseOptimizer(double learningRate) {
        this.learningRate = Optimizer.checkRate(learningRate);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Optimizer.checkRate(learningRate);
    }

    @Override
    public final void update(INDArray params, INDArray grads) {
        if (params.length() != grads.length()) {
            throw new IllegalArgumentException(name() + ": " + params.length() + " parameters but " + grads.length() + " gradients");
        }
        if (params != boundParams) {
            state.clear();
            steps = 0;
            bind(params, grads);
            boundParams = params;
        }
        steps++;
        step(params, grads);
    }

    /** A zero-filled array shaped like the parameters, kept from step to step. */
    protected INDArray stateLike(INDArray params) {
        INDArray s = Nd4j.zeros(params.dataType(), params.shape());
        state.add(s);
        return s;
    }

    /** Allocates state and binds kernels for these buffers (called again if the buffers change). */
    abstract void bind(INDArray params, INDArray grads);

    abstract void step(INDArray params, INDArray grads);

    @Override
    public String toString() {
        return name() + "(lr=" + learningRate + ")";
    }
}
