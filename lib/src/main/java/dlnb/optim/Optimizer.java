package dlnb.optim;

import dlnb.nn.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns gradients into parameter changes. Works on a model's two flat buffers (all parameters, all gradients), so
 * one step is a handful of whole-buffer operations whatever the number of layers.
 */
public interface Optimizer {
    String name();

    double learningRate();

    void setLearningRate(double learningRate);

    /** One step: changes {@code params} in place from {@code grads} (flat, same length). */
    void update(INDArray params, INDArray grads);

    /** One step on a model's parameters from its current gradients. */
    default void update(Sequential model) {
        update(model.flatParams(), model.flatGradients());
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
