package dlnb.nn;

import java.util.Arrays;
import java.util.List;

/** Name, build state and shape checking shared by the layers. */
public abstract class BaseLayer implements Layer {
    private String name;
    protected long[] inputShape;
    /** Output shape of one example, fixed when the layer is built. */
    protected long[] outputShape;
    protected List<Param> params = List.of();
    protected boolean inputGradientNeeded = true;

    @Override
    public String name() {
        return name == null ? type().toLowerCase() : name;
    }

    @Override
    public void setName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a layer name must not be empty");
        this.name = name;
    }

    @Override
    public boolean hasCustomName() {
        return name != null;
    }

    @Override
    public void build(long[] inputShape, List<Param> params) {
        this.outputShape = outputShape(inputShape); // also validates the input shape
        this.inputShape = inputShape.clone();
        this.params = List.copyOf(params);
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    /** Fails, naming this layer and both shapes, unless a batch has the shape this layer was built for. */
    protected void checkInput(org.nd4j.linalg.api.ndarray.INDArray x) {
        if (inputShape == null) throw new IllegalStateException(name() + " is not built yet: add it to a Sequential model");
        long[] s = x.shape();
        boolean ok = s.length == inputShape.length + 1;
        for (int i = 0; ok && i < inputShape.length; i++) ok = s[i + 1] == inputShape[i];
        if (!ok) {
            throw new IllegalArgumentException(name() + " expects input of shape [batch, " + join(inputShape) + "] but got "
                    + Arrays.toString(s));
        }
    }

    /** Fails, naming this layer, unless a gradient has the shape of this layer's output for that batch. */
    protected void checkGradient(org.nd4j.linalg.api.ndarray.INDArray g) {
        long[] s = g.shape();
        boolean ok = s.length == outputShape.length + 1;
        for (int i = 0; ok && i < outputShape.length; i++) ok = s[i + 1] == outputShape[i];
        if (!ok) {
            throw new IllegalArgumentException(name() + " produces output of shape [batch, " + join(outputShape)
                    + "] but was given a gradient of shape " + Arrays.toString(s));
        }
    }

    protected static String join(long[] shape) {
        StringBuilder b = new StringBuilder();
        for (long d : shape) b.append(b.isEmpty() ? "" : ", ").append(d);
        return b.toString();
    }

    @Override
    public String toString() {
        return name() + " (" + type() + ")";
    }
}
