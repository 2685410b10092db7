package dlnb.optim;

import dlnb.backend.Threads;
import dlnb.ops.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSprop as in Keras: s = ρ·s + (1-ρ)·g²; p -= lr·g / (sqrt(s) + ε). Defaults lr 0.001, ρ 0.9, ε 1e-7.
 * The step is ND4J's native RMSprop updater, one pass over the flat buffers.
 */
public final class RmsProp extends BaseOptimizer {
    private final double rho;
    private final double epsilon;
    private INDArray meanSquare, step;

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
    void bind(INDArray params, INDArray grads) {
        meanSquare = stateLike("mean_square", params);
        step = Nd4j.createUninitialized(params.dataType(), params.shape());
    }

    @Override
    void step(INDArray params, INDArray grads) {
        RmsPropUpdater op = new RmsPropUpdater(grads, meanSquare, step, meanSquare, learningRate(), rho, epsilon);
        Threads.wideFor(params.length(), () -> Nd4j.exec(op));
        Blas.axpy(-1, step, params);
    }

    @Override
    public java.util.Map<String, Object> config() {
        return configWith("rho", rho, "epsilon", epsilon);
    }
}
