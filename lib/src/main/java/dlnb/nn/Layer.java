package dlnb.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The contract every layer keeps. Shapes passed around here leave out the batch axis: a Dense layer on MNIST sees
 * input shape [784]; a convolution sees [channels, height, width] (NCHW).
 * <ol>
 *   <li>{@link #outputShape} and {@link #paramSpecs} let {@link Sequential} size everything from the input shape;</li>
 *   <li>{@link #build} hands the layer its parameters (views into the model's flat buffers);</li>
 *   <li>{@link #forward} returns the output and keeps what {@link #backward} needs;</li>
 *   <li>{@link #backward} fills each parameter's gradient and returns the gradient for the input.</li>
 * </ol>
 * Outputs and gradients live in buffers the layer owns and reuses from batch to batch: copy them if you keep them.
 */
public interface Layer {
    /** Unique within a model, e.g. "dense_1"; {@link Sequential} names unnamed layers. */
    String name();

    void setName(String name);

    /** Whether {@link #setName} gave this layer a name (otherwise Sequential names it). */
    default boolean hasCustomName() {
        return false;
    }

    /** The kind of layer as the summary shows it, e.g. "Dense". */
    String type();

    long[] outputShape(long[] inputShape);

    /** The parameters this layer needs for that input shape (none for pooling, flatten, ...). */
    default List<ParamSpec> paramSpecs(long[] inputShape) {
        return List.of();
    }

    /** Called once, with parameters matching {@link #paramSpecs}, before the first forward pass. */
    void build(long[] inputShape, List<Param> params);

    List<Param> params();

    INDArray forward(INDArray input, boolean training);

    INDArray backward(INDArray gradOutput);

    /** The activation applied last inside this layer (IDENTITY when none), which a loss may fuse with. */
    default Activation outputActivation() {
        return Activation.IDENTITY;
    }

    /**
     * Like {@link #backward}, but given the gradient with respect to the value before {@link #outputActivation()}:
     * used when the loss folds the activation into its gradient (softmax with cross-entropy gives p - y).
     */
    default INDArray backwardFromPreActivation(INDArray gradPreActivation) {
        if (outputActivation() == Activation.IDENTITY) return backward(gradPreActivation);
        throw new UnsupportedOperationException(name() + " cannot skip its activation");
    }

    /** The first layer's input gradient is never used; Sequential switches it off to save the work. */
    default void setInputGradientNeeded(boolean needed) {
    }
}
