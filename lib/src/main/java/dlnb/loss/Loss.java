package dlnb.loss;

import dlnb.nn.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss compares a batch of network outputs with their targets. {@link #forward} returns the loss and keeps what
 * {@link #backward} needs. Gradients live in a buffer the loss owns and reuses from batch to batch.
 */
public interface Loss {
    String name();

    Reduction reduction();

    /** The loss of the batch (summed or averaged over its examples, see {@link #reduction()}). */
    double forward(INDArray output, INDArray target);

    /**
     * How many rows of the last {@link #forward}'s batch had their largest output at the target's 1 (the accuracy's
     * count, found in the same pass as the loss), or -1 when this loss did not count them.
     */
    default long correct() {
        return -1;
    }

    /** dL/d(output) for the last {@link #forward}. */
    INDArray backward();

    /**
     * Whether the gradient with respect to the value before {@code activation} has a simple form, e.g. p - y for
     * softmax with cross-entropy; then {@link #backwardPreActivation()} gives it and the activation's own derivative
     * is skipped (more accurate, and cheaper).
     */
    default boolean fusesWith(Activation activation) {
        return false;
    }

    /** dL/d(value before the output activation) for the last {@link #forward}; see {@link #fusesWith}. */
    default INDArray backwardPreActivation() {
        throw new UnsupportedOperationException(name() + " does not fuse with an activation");
    }

    /** The name and reduction: what a saved model records. */
    default java.util.Map<String, Object> config() {
        return java.util.Map.of("type", name(), "reduction", reduction().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The loss a {@link #config()} describes. */
    static Loss fromConfig(java.util.Map<String, ?> config) {
        Reduction r = Reduction.valueOf(String.valueOf(config.get("reduction")).toUpperCase(java.util.Locale.ROOT));
        return switch (String.valueOf(config.get("type"))) {
            case "softmax_cross_entropy" -> new SoftmaxCrossEntropy(r);
            case "categorical_cross_entropy" -> new CategoricalCrossEntropy(r);
            case "binary_cross_entropy" -> new BinaryCrossEntropy(r);
            case "mean_squared_error" -> new MeanSquaredError(r);
            default -> throw new IllegalArgumentException("unknown loss " + config);
        };
    }

    /** Softmax cross-entropy on raw scores (logits): the fused form Chainer's softmax_cross_entropy computes. */
    static Loss softmaxCrossEntropy() {
        return new SoftmaxCrossEntropy(Reduction.MEAN);
    }

    /** Cross-entropy on probabilities from a softmax output layer (Keras' categorical_crossentropy). */
    static Loss categoricalCrossEntropy() {
        return new CategoricalCrossEntropy(Reduction.MEAN);
    }

    /** Log loss of each sigmoid output against its 0/1 target, summed over outputs. */
    static Loss binaryCrossEntropy(Reduction reduction) {
        return new BinaryCrossEntropy(reduction);
    }

    static Loss meanSquaredError() {
        return new MeanSquaredError(Reduction.MEAN);
    }
}
