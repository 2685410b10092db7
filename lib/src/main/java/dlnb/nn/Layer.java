package dlnb.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The contract every layer keeps. Shapes passed around here leave out the batch axis: a Dense layer on MNIST sees
 * input shape [784]; a convolution sees [channels, height, width] (NCHW).
 * <ol>
 *   <li>{@link #outputShape} and {@link #paramSpecs} let the model size everything from the input shape;</li>
 *   <li>{@link #build} hands the layer its parameters (views into the model's flat buffers);</li>
 *   <li>{@link #forward} returns the output and keeps what {@link #backward} needs;</li>
 *   <li>{@link #backward} fills each trainable parameter's gradient and returns the gradient for the input.</li>
 * </ol>
 * Outputs and gradients live in buffers the layer owns and reuses from batch to batch: copy them if you keep them.
 * A layer also describes itself as data ({@link #config()}), and can be rebuilt from that through a public
 * constructor taking a {@link LayerConfig}: that is how models are saved and built from lists of settings.
 */
public interface Layer {
    /** Unique within a model, e.g. "dense_1"; the model names unnamed layers. */
    String name();

    void setName(String name);

    /** Whether {@link #setName} gave this layer a name (otherwise the model names it). */
    boolean hasCustomName();

    /** The kind of layer as the summary shows it, e.g. "Dense". */
    String type();

    /** The layer's type (its class name), name and settings; {@code config().toLayer()} builds an equal layer. */
    LayerConfig config();

    long[] outputShape(long[] inputShape);

    /** The arrays this layer needs for that input shape, trainable or not (none for pooling, flatten, ...). */
    default List<ParamSpec> paramSpecs(long[] inputShape) {
        return List.of();
    }

    /** Called once, with parameters matching {@link #paramSpecs} in their order, before the first forward pass. */
    void build(long[] inputShape, List<Param> params);

    /** Every array of the layer: trainable parameters and non-trainable state, in {@link #paramSpecs} order. */
    List<Param> params();

    /** {@code training} switches on what only training does: dropout, batch statistics. */
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

    /** The first layer's input gradient is never used; the model switches it off to save the work. */
    default void setInputGradientNeeded(boolean needed) {
    }

    /** Whether training passes draw random numbers (dropout): the model then seeds them per epoch. */
    default boolean stochastic() {
        return false;
    }
}
