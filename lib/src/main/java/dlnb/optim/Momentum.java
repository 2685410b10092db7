package dlnb.optim;

import dlnb.ops.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SGD with momentum, as Chainer's and PuzzleLib's MomentumSGD: v = μ·v - lr·g; p += v. With {@code nesterov}, the
 * look-ahead form Keras uses: p += μ·v - lr·g.
 */
public final class Momentum extends BaseOptimizer {
    private final double momentum;
    private final boolean nesterov;
    private INDArray velocity;

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
    void bind(INDArray params, INDArray grads) {
        velocity = stateLike("velocity", params);
    }

    @Override
    void step(INDArray params, INDArray grads) {
        double lr = learningRate();
        Blas.scal(momentum, velocity);
        Blas.axpy(-lr, grads, velocity);
        if (nesterov) {
            Blas.axpy(momentum, velocity, params);
            Blas.axpy(-lr, grads, params);
        } else {
            Blas.axpy(1, velocity, params);
        }
    }

    @Override
    public java.util.Map<String, Object> config() {
        return configWith("momentum", momentum, "nesterov", nesterov);
    }
}
