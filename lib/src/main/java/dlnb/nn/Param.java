package dlnb.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * An array a layer owns, with its gradient when it is trained. Trainable parameters (weights, biases) are views into
 * the model's flat value and gradient buffers, so an optimizer updates them all with a few calls on those buffers.
 * Non-trainable state (BatchNormalization's running mean and variance) lives in a buffer of its own: the layer
 * updates it, the optimizer never sees it, and it is saved and restored with the weights.
 * {@code regularized} is true for weights and false for biases: weight decay (L1/L2) skips biases.
 */
public final class Param {
    private final String layer;
    private final String name;
    private final INDArray value;
    private final INDArray grad;
    private final boolean regularized;

    /** A trainable parameter with its gradient. */
    public Param(String layer, String name, INDArray value, INDArray grad, boolean regularized) {
        if (grad == null || !Arrays.equals(value.shape(), grad.shape())) {
            throw new IllegalArgumentException("value " + Arrays.toString(value.shape()) + " and gradient "
                    + (grad == null ? "null" : Arrays.toString(grad.shape())) + " of " + layer + "/" + name + " differ in shape");
        }
        this.layer = layer;
        this.name = name;
        this.value = value;
        this.grad = grad;
        this.regularized = regularized;
    }

    private Param(String layer, String name, INDArray value) {
        this.layer = layer;
        this.name = name;
        this.value = value;
        this.grad = null;
        this.regularized = false;
    }

    /** Non-trainable state: no gradient, never updated by the optimizer or penalised. */
    public static Param state(String layer, String name, INDArray value) {
        return new Param(layer, name, value);
    }

    /** The owning layer's name, e.g. "dense_1". */
    public String layer() {
        return layer;
    }

    /** The parameter's own name, e.g. "W" or "b". */
    public String name() {
        return name;
    }

    /** "layer/name", the key used in saved model and weight files. */
    public String key() {
        return layer + "/" + name;
    }

    public INDArray value() {
        return value;
    }

    /** The gradient, filled by the layer's backward pass; null for non-trainable state. */
    public INDArray grad() {
        return grad;
    }

    public boolean trainable() {
        return grad != null;
    }

    public boolean regularized() {
        return regularized;
    }

    public long[] shape() {
        return value.shape();
    }

    public long size() {
        return value.length();
    }

    @Override
    public String toString() {
        return key() + Arrays.toString(shape()) + (trainable() ? "" : " (non-trainable)");
    }
}
