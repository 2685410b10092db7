package dlnb.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * A trainable array of a layer and its gradient. Both are views into the model's two flat buffers (all values,
 * all gradients), so an optimizer updates every parameter with a few calls on the flat buffers.
 * {@code regularized} is true for weights and false for biases: weight decay (L1/L2) skips biases.
 */
public final class Param {
    private final String layer;
    private final String name;
    private final INDArray value;
    private final INDArray grad;
    private final boolean regularized;

    public Param(String layer, String name, INDArray value, INDArray grad, boolean regularized) {
        if (!Arrays.equals(value.shape(), grad.shape())) {
            throw new IllegalArgumentException("value " + Arrays.toString(value.shape()) + " and gradient "
                    + Arrays.toString(grad.shape()) + " of " + layer + "/" + name + " differ in shape");
        }
        this.layer = layer;
        this.name = name;
        this.value = value;
        this.grad = grad;
        this.regularized = regularized;
    }

    /** The owning layer's name, e.g. "dense_1". */
    public String layer() {
        return layer;
    }

    /** The parameter's own name, e.g. "W" or "b". */
    public String name() {
        return name;
    }

    /** "layer/name", the key used in saved weight files. */
    public String key() {
        return layer + "/" + name;
    }

    public INDArray value() {
        return value;
    }

    public INDArray grad() {
        return grad;
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
        return key() + Arrays.toString(shape());
    }
}
