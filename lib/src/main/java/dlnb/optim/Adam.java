package dlnb.optim;

import dlnb.backend.Threads;
import dlnb.ops.UpdatePass;
import dlnb.ops.Updates;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba), as Chainer and Keras compute it: m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²;
 * p -= lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + ε). Defaults α 0.001, β1 0.9, β2 0.999, ε 1e-8.
 * The step is one pass over the flat buffers ({@link Updates#adam}): each of p, g, m and v is read once and written
 * at most once.
 */
public final class Adam extends BaseOptimizer {
    private final double beta1, beta2, epsilon;
    private UpdatePass pass;
    private int threads;

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = Optimizer.checkFraction("beta1", beta1);
        this.beta2 = Optimizer.checkFraction("beta2", beta2);
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "Adam";
    }

    @Override
    void allocate(INDArray params) {
        stateLike("m", params);
        stateLike("v", params);
        threads = Threads.forElements(params.length());
    }

    @Override
    void bind(INDArray params, INDArray grads) {
        pass = Updates.adam(params, grads, state("m"), state("v"), beta1, beta2, epsilon);
    }

    @Override
    void step(INDArray params, INDArray grads) {
        Threads.wideFor(params.length(), () -> pass.run(learningRate(), steps, threads));
    }

    @Override
    public java.util.Map<String, Object> config() {
        return configWith("beta_1", beta1, "beta_2", beta2, "epsilon", epsilon);
    }
}
