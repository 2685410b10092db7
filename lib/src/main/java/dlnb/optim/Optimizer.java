package dlnb.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Turns gradients into parameter changes. Works on two flat buffers (all parameters, all gradients, as a model
 * keeps them), so one step is a handful of whole-buffer operations whatever the number of layers. Knows arrays
 * only, never the model.
 */
public interface Optimizer {
    String name();

    double learningRate();

    void setLearningRate(double learningRate);

    /** One step: changes {@code params} in place from {@code grads} (flat, same length). */
    void update(INDArray params, INDArray grads);

    /** Steps taken since the state was last sized (Adam's t). */
    long steps();

    /** Sizes the state for these buffers, as the first {@link #update} does, so saved state can be loaded first. */
    void prepare(INDArray params, INDArray grads);

    /** The arrays carried from step to step (momentum's velocity, Adam's m and v), by name; live, not copies. */
    Map<String, INDArray> state();

    /** Puts back state saved from {@link #state()} and {@link #steps()}; call {@link #prepare} first. */
    void restoreState(Map<String, INDArray> state, long steps);

    /** The type and hyper-parameters (the current learning rate among them): what a saved model records. */
    Map<String, Object> config();

    /** The optimizer a {@link #config()} describes, with fresh state. */
    static Optimizer fromConfig(Map<String, ?> config) {
        return Optimizers.fromConfig(config);
    }

    static double checkRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        return learningRate;
    }

    static double checkFraction(String what, double value) {
        if (!(value >= 0 && value < 1)) throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
        return value;
    }
}
