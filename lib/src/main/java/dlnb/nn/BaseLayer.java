package dlnb.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;

/** Name, settings, build state and shape checking shared by the layers. */
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
    public String type() {
        return getClass().getSimpleName();
    }

    /** The settings that rebuild this layer, as key, value pairs (see {@link LayerConfig#of}). */
    protected abstract Object[] settings();

    @Override
    public LayerConfig config() {
        Object[] s = settings();
        Object[] all = Arrays.copyOf(s, s.length + (name == null ? 0 : 2));
        if (name != null) {
            all[s.length] = "name";
            all[s.length + 1] = name;
        }
        return LayerConfig.of(getClass().getName().startsWith("dlnb.nn.") ? getClass().getSimpleName() : getClass().getName(), all);
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
    protected void checkInput(INDArray x) {
        if (inputShape == null) throw new IllegalStateException(name() + " is not built yet: add it to a Sequential model");
        if (!fits(x.shape(), inputShape)) {
            throw new IllegalArgumentException(name() + " expects input of shape [batch, " + join(inputShape) + "] but got "
                    + Arrays.toString(x.shape()));
        }
    }

    /** Fails, naming this layer, unless a gradient has the shape of this layer's output for that batch. */
    protected void checkGradient(INDArray g) {
        if (!fits(g.shape(), outputShape)) {
            throw new IllegalArgumentException(name() + " produces output of shape [batch, " + join(outputShape)
                    + "] but was given a gradient of shape " + Arrays.toString(g.shape()));
        }
    }

    private static boolean fits(long[] batchShape, long[] exampleShape) {
        if (batchShape.length != exampleShape.length + 1) return false;
        for (int i = 0; i < exampleShape.length; i++) if (batchShape[i + 1] != exampleShape[i]) return false;
        return true;
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
