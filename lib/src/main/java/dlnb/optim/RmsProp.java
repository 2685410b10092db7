package dlnb.optim;

import dlnb.backend.Threads;
import dlnb.ops.UpdatePass;
import dlnb.ops.Updates;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSprop as in Keras: s = ρ·s + (1-ρ)·g²; p -= lr·g / (sqrt(s) + ε). Defaults lr 0.001, ρ 0.9, ε 1e-7.
 * The step is one pass over the flat buffers ({@link Updates#rmsProp}).
 */
public final class RmsProp extends BaseOptimizer {
    private final double rho;
    private final double epsilon;
    private UpdatePass pass;
    private int threads;

    public RmsProp() {
        this(0.001, 0.9, 1e-7);
    }

    public RmsProp(double learningRate) {
        this(learningRate, 0.9, 1e-7);
    }

    public RmsProp(double learningRate, double rho, double epsilon) {
        super(learningRate);
        this.rho = Optimizer.checkFraction("rho", rho);
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "RMSprop";
    }

    @Override
    void allocate(INDArray params) {
        stateLike("mean_square", params);
        threads = Threads.forElements(params.length());
    }

    @Override
    void bind(INDArray params, INDArray grads) {
        pass = Updates.rmsProp(params, grads, state("mean_square"), rho, epsilon);
    }

    @Override
    void step(INDArray params, INDArray grads) {
        Threads.wideFor(params.length(), () -> pass.run(learningRate(), steps, threads));
    }

    @Override
    public java.util.Map<String, Object> config() {
        return configWith("rho", rho, "epsilon", epsilon);
    }
}
