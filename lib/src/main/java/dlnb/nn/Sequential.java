package dlnb.nn;

import dlnb.backend.Backend;
import dlnb.loss.Loss;
import dlnb.optim.Optimizer;
import dlnb.train.Metric;
import dlnb.train.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Layers applied one after the other, as in Keras. Built lazily: the first batch (or {@link #input}) fixes the input
 * shape, from which each layer's output shape and parameters follow. All parameters live in one flat float32
 * buffer and all gradients in another; each {@link Param} is a view into them.
 * <pre>{@code
 * var net = new Sequential().seed(1).input(784);
 * net.add(new Dense(50, Activation.RELU)).add(new Dense(50, Activation.RELU)).add(new Dense(10));
 * System.out.println(net.summary());
 * }</pre>
 */
public class Sequential {
    private final List<Layer> layers = new ArrayList<>();
    private long[] inputShape;
    private long seed = 1;
    private DataType dataType = DataType.FLOAT;
    private INDArray values, grads;
    private List<Param> params = List.of();
    private long[][] shapes;

    public Sequential(Layer... layers) {
        for (Layer l : layers) add(l);
    }

    /** Builds a model from layer specifications (data rather than code), see {@link LayerSpec}. */
    public static Sequential of(List<LayerSpec> specs) {
        Sequential s = new Sequential();
        for (LayerSpec spec : specs) s.add(spec.toLayer());
        return s;
    }

    public Sequential add(Layer layer) {
        if (isBuilt()) throw new IllegalStateException("the model is already built; add layers before the first batch");
        layers.add(layer);
        return this;
    }

    /** Fixes the shape of one example (without the batch axis), e.g. input(784) or input(1, 28, 28). */
    public Sequential input(long... shape) {
        for (long d : shape) if (d <= 0) throw new IllegalArgumentException("input sizes must be positive: " + Arrays.toString(shape));
        this.inputShape = shape.clone();
        return this;
    }

    /** Seed for the initial weights and for the order in which training visits the examples (default 1). */
    public Sequential seed(long seed) {
        if (isBuilt()) throw new IllegalStateException("set the seed before the model is built");
        this.seed = seed;
        return this;
    }

    public long seed() {
        return seed;
    }

    /** float32 (the default) or float64, e.g. for checking gradients numerically. */
    public Sequential dataType(DataType type) {
        if (isBuilt()) throw new IllegalStateException("set the data type before the model is built");
        if (type != DataType.FLOAT && type != DataType.DOUBLE) throw new IllegalArgumentException("use FLOAT or DOUBLE, not " + type);
        this.dataType = type;
        return this;
    }

    public DataType dataType() {
        return dataType;
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    public Layer layer(int index) {
        return layers.get(index);
    }

    public boolean isBuilt() {
        return values != null;
    }

    /** Creates and initialises every parameter for the given example shape (or the one given to {@link #input}). */
    public Sequential build() {
        if (inputShape == null) throw new IllegalStateException("no input shape: call input(...) or pass a first batch");
        return build(inputShape);
    }

    public Sequential build(long[] exampleShape) {
        if (isBuilt()) return this;
        if (layers.isEmpty()) throw new IllegalStateException("the model has no layers");
        Backend.init();
        nameLayers();
        inputShape = exampleShape.clone();
        shapes = new long[layers.size() + 1][];
        shapes[0] = inputShape;
        List<List<ParamSpec>> specs = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            List<ParamSpec> s = layers.get(i).paramSpecs(shapes[i]);
            specs.add(s);
            for (ParamSpec p : s) total += p.size();
            shapes[i + 1] = layers.get(i).outputShape(shapes[i]);
        }
        values = Nd4j.create(dataType, Math.max(total, 1));
        grads = Nd4j.create(dataType, Math.max(total, 1));
        Nd4j.getRandom().setSeed(seed);
        List<Param> all = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<Param> own = new ArrayList<>();
            for (ParamSpec spec : specs.get(i)) {
                INDArray value = view(values, offset, spec.shape());
                INDArray grad = view(grads, offset, spec.shape());
                spec.initializer().fill(value, spec.fanIn(), spec.fanOut());
                own.add(new Param(layer.name(), spec.name(), value, grad, spec.regularized()));
                offset += spec.size();
            }
            layer.build(shapes[i], own);
            layer.setInputGradientNeeded(i > 0);
            all.addAll(own);
        }
        params = List.copyOf(all);
        return this;
    }

    private static INDArray view(INDArray flat, long offset, long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return flat.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', shape);
    }

    /** Gives each layer a unique name: its own if it was given one, else "dense_1", "conv2d_2", ... */
    private void nameLayers() {
        Map<String, Integer> counts = new HashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Layer l : layers) {
            if (l.hasCustomName() && used.add(l.name())) continue;
            String base = l.type().replaceAll("\\(.*", "").toLowerCase(Locale.ROOT);
            String name;
            do {
                name = base + "_" + counts.merge(base, 1, Integer::sum);
            } while (!used.add(name));
            l.setName(name);
        }
    }

    /** Runs a batch through every layer; {@code training} switches dropout on. Builds the model on first use. */
    public INDArray forward(INDArray x, boolean training) {
        if (!isBuilt()) {
            build(Arrays.copyOfRange(x.shape(), 1, x.rank()));
        }
        if (x.dataType() != dataType) {
            throw new IllegalArgumentException("the model computes in " + dataType + " but the batch is " + x.dataType());
        }
        INDArray a = x;
        for (Layer layer : layers) a = layer.forward(a, training);
        return a;
    }

    /** Back-propagates dL/d(output) through every layer, filling each parameter's gradient. */
    public void backward(INDArray gradOutput) {
        backwardFrom(layers.size() - 1, layers.get(layers.size() - 1).backward(gradOutput));
    }

    /**
     * Back-propagates dL/d(value before the last layer's activation): the loss folded that activation into its
     * gradient (softmax with cross-entropy gives p - y).
     */
    public void backwardFromPreActivation(INDArray gradPreActivation) {
        Layer last = layers.get(layers.size() - 1);
        backwardFrom(layers.size() - 1, last.backwardFromPreActivation(gradPreActivation));
    }

    /**
     * Back-propagates the gradient of {@code loss}'s last forward pass: through the short cut when the loss folds
     * the output activation into its gradient (softmax with cross-entropy, sigmoid with log loss), otherwise
     * through the activation's own derivative.
     */
    public void backward(Loss loss) {
        if (loss.fusesWith(outputActivation())) {
            backwardFromPreActivation(loss.backwardPreActivation());
        } else {
            backward(loss.backward());
        }
    }

    private void backwardFrom(int layerIndex, INDArray grad) {
        for (int i = layerIndex - 1; i >= 0; i--) grad = layers.get(i).backward(grad);
    }

    /** The activation the last layer ends with (a loss may fuse with it). */
    public Activation outputActivation() {
        return layers.get(layers.size() - 1).outputActivation();
    }

    /** Every trainable parameter, in layer order. */
    public List<Param> params() {
        requireBuilt();
        return params;
    }

    /** All parameter values as one flat array (the parameters are views into it). */
    public INDArray flatParams() {
        requireBuilt();
        return values;
    }

    /** All gradients as one flat array, parallel to {@link #flatParams()}. */
    public INDArray flatGradients() {
        requireBuilt();
        return grads;
    }

    public long paramCount() {
        requireBuilt();
        return params.stream().mapToLong(Param::size).sum();
    }

    /** The output shape of layer i (without the batch axis); index -1 gives the input shape. */
    public long[] shapeAfter(int layerIndex) {
        requireBuilt();
        return shapes[layerIndex + 1].clone();
    }

    /** A copy of every parameter value, to go back to later with {@link #restore}. */
    public WeightsSnapshot snapshot() {
        requireBuilt();
        return new WeightsSnapshot(values.dup());
    }

    /** Puts back the values of an earlier {@link #snapshot()} of this model. */
    public void restore(WeightsSnapshot snapshot) {
        requireBuilt();
        if (snapshot.values().length() != values.length()) {
            throw new IllegalArgumentException("the snapshot holds " + snapshot.values().length() + " values but this model has "
                    + values.length());
        }
        values.assign(snapshot.values());
    }

    /** A Keras-like table: each layer with its output shape and parameter count, then the totals. */
    public String summary() {
        if (!isBuilt()) build();
        return Summary.of(this);
    }

    /** Attaches an optimizer, a loss and metrics, giving a model that can fit, evaluate and predict. */
    public Model compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        return new Model(this, optimizer, loss, metrics);
    }

    private void requireBuilt() {
        if (!isBuilt()) throw new IllegalStateException("the model is not built yet: call build() or run a first batch");
    }
}
