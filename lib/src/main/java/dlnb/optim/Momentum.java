package dlnb.optim;

import dlnb.backend.Threads;
import dlnb.ops.UpdatePass;
import dlnb.ops.Updates;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SGD with momentum, as Chainer's and PuzzleLib's MomentumSGD: v = μ·v - lr·g; p += v. With {@code nesterov}, the
 * look-ahead form Keras uses: p += μ·v - lr·g.
 */
public final class Momentum extends BaseOptimizer {
    private final double momentum;
    private final boolean nesterov;
    private UpdatePass pass;
    private int threads;

    public Momentum(double learningRate, double momentum) {
        this(learningRate, momentum, false);
    }

    public Momentum(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        this.momentum = Optimizer.checkFraction("momentum", momentum);
        this.nesterov = nesterov;
    }

    public static Momentum nesterov(double learningRate, double momentum) {
        return new Momentum(learningRate, momentum, true);
    }

    @Override
    public String name() {
        return nesterov ? "Nesterov" : "MomentumSGD";
    }

    @Override
    void allocate(INDArray params) {
        stateLike("velocity", params);
        threads = Threads.forElements(params.length());
    }

    @Override
    void bind(INDArray params, INDArray grads) {
        pass = Updates.momentum(params, grads, state("velocity"), momentum, nesterov);
    }

    @Override
    void step(INDArray params, INDArray grads) {
        pass.run(learningRate(), steps, threads);
    }

    @Override
    public java.util.Map<String, Object> config() {
        return configWith("momentum", momentum, "nesterov", nesterov);
    }
}
