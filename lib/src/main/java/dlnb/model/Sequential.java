package dlnb.model;

import dlnb.backend.Backend;
import dlnb.data.Dataset;
import dlnb.loss.Loss;
import dlnb.metrics.Metric;
import dlnb.nn.Activation;
import dlnb.nn.Layer;
import dlnb.nn.LayerConfig;
import dlnb.nn.Param;
import dlnb.nn.ParamSpec;
import dlnb.optim.Optimizer;
import dlnb.optim.Regularization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A model made of layers applied one after the other, as Keras' Sequential: add layers, {@link #compile} with an
 * optimizer, a loss and metrics, then {@link #fit}, {@link #evaluate}, {@link #predict}, {@link #save}.
 * <pre>{@code
 * var model = new Sequential(new Dense(50, Activation.RELU), new Dense(10)).seed(1).input(784);
 * model.compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
 * var history = model.fit(train, new FitOptions().epochs(20).batchSize(100).validationData(test));
 * }</pre>
 * Built lazily: the input shape (from {@link #input} or the first batch) fixes each layer's output shape and
 * parameters. All trainable parameters live in one flat float32 buffer and their gradients in another; each
 * {@link Param} is a view into them. Training visits the examples in orders drawn from the seed, so the same seed
 * gives the same weights, the same shuffles and the same history.
 */
public class Sequential {
    private final List<Layer> layers = new ArrayList<>();
    private long[] declaredInput;
    private long[][] shapes;
    private long seed = 1;
    private DataType dataType = DataType.FLOAT;
    private Parameters parameters;
    /** The passes that stand for several layers each way, where the library has them for this network. */
    private FusedPasses fused;
    private Optimizer optimizer;
    private Loss loss;
    private List<Metric> metrics = List.of();
    private Regularization regularization = Regularization.none();
    private final History history = new History();
    private final PhaseTimer timer = new PhaseTimer();
    private String stopRequest;

    public Sequential(Layer... layers) {
        for (Layer l : layers) add(l);
    }

    /**
     * A model from layers written as data, e.g. {@code List.of(Map.of("type", "Dense", "units", 70, "activation",
     * "relu"), ...)}: the form the Keras article builds its CNN from, and the form saved models record.
     */
    public static Sequential fromConfig(List<? extends Map<String, ?>> layerConfigs) {
        Sequential s = new Sequential();
        for (Map<String, ?> c : layerConfigs) s.add(LayerConfig.from(c).toLayer());
        return s;
    }

    public Sequential add(Layer layer) {
        if (layer == null) throw new IllegalArgumentException("a layer must not be null");
        if (isBuilt()) throw new IllegalStateException("the model is already built; add layers before the first batch");
        if (layers.contains(layer)) throw new IllegalArgumentException(layer + " is already in this model; create a new layer");
        layers.add(layer);
        return this;
    }

    /** Fixes the shape of one example (without the batch axis), e.g. input(784) or input(1, 28, 28). */
    public Sequential input(long... shape) {
        if (shape.length == 0) throw new IllegalArgumentException("give the shape of one example, e.g. input(784)");
        for (long d : shape) if (d <= 0) throw new IllegalArgumentException("input sizes must be positive: " + Arrays.toString(shape));
        if (isBuilt() && !Arrays.equals(shape, shapes[0])) {
            throw new IllegalStateException("the model is already built for input " + Arrays.toString(shapes[0]));
        }
        this.declaredInput = shape.clone();
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
        return parameters != null;
    }

    /** The input shape given to {@link #input}, or the one the model was built for; null if neither. */
    public long[] inputShape() {
        if (isBuilt()) return shapes[0].clone();
        return declaredInput == null ? null : declaredInput.clone();
    }

    /** Creates and initialises every parameter for the shape given to {@link #input}. */
    public Sequential build() {
        if (declaredInput == null) throw new IllegalStateException("no input shape: call input(...) or pass a first batch");
        return build(declaredInput);
    }

    /** Creates and initialises every parameter for this example shape. */
    public Sequential build(long[] exampleShape) {
        if (isBuilt()) {
            requireInput(exampleShape);
            return this;
        }
        if (declaredInput != null && !Arrays.equals(declaredInput, exampleShape)) {
            throw new IllegalArgumentException("the model was declared with input(" + join(declaredInput) + ") but the data has"
                    + " examples of shape [" + join(exampleShape) + "]; change input(...) or reshape the data");
        }
        if (layers.isEmpty()) throw new IllegalStateException("the model has no layers");
        Backend.init();
        nameLayers();
        long[][] s = new long[layers.size() + 1][];
        s[0] = exampleShape.clone();
        List<List<ParamSpec>> specs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            specs.add(layers.get(i).paramSpecs(s[i]));
            s[i + 1] = layers.get(i).outputShape(s[i]);
        }
        Nd4j.getRandom().setSeed(seed);
        parameters = new Parameters(layers, specs, s, dataType);
        for (int i = 0; i < layers.size(); i++) layers.get(i).setInputGradientNeeded(i > 0);
        fused = new FusedPasses(layers, s);
        shapes = s;
        return this;
    }

    /** Gives each layer a unique name: its own if it was given one, else as Keras does, "dense_1", "batch_normalization_2", ... */
    private void nameLayers() {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (Layer l : layers) {
            if (l.hasCustomName() && used.add(l.name())) continue;
            String base = l.type().replaceAll("\\(.*", "").replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            String name;
            do {
                name = base + "_" + counts.merge(base, 1, Integer::sum);
            } while (!used.add(name));
            l.setName(name);
        }
    }

    // ---- forward and backward, for training loops written out by hand ----

    /** Runs a batch through every layer; {@code training} switches dropout and batch statistics on. */
    public INDArray forward(INDArray x, boolean training) {
        if (!isBuilt()) build(Arrays.copyOfRange(x.shape(), 1, x.rank()));
        if (x.dataType() != dataType) {
            throw new IllegalArgumentException("the model computes in " + dataType + " but the batch is " + x.dataType()
                    + "; convert it with x.castTo(DataType." + dataType + ")");
        }
        return fused.forward(layers, x, training);
    }

    /** Back-propagates dL/d(output) through every layer, filling each parameter's gradient. */
    public void backward(INDArray gradOutput) {
        requireBuilt();
        backwardFrom(layers.size() - 1, last().backward(gradOutput));
    }

    /**
     * Back-propagates dL/d(value before the last layer's activation): the loss folded that activation into its
     * gradient (softmax with cross-entropy gives p - y).
     */
    public void backwardFromPreActivation(INDArray gradPreActivation) {
        requireBuilt();
        backwardFrom(layers.size() - 1, last().backwardFromPreActivation(gradPreActivation));
    }

    /**
     * Back-propagates the gradient of {@code loss}'s last forward pass: through the short cut when the loss folds
     * the output activation into its gradient (softmax with cross-entropy, sigmoid with log loss), otherwise
     * through the activation's own derivative.
     */
    public void backward(Loss loss) {
        if (loss.fusesWith(outputActivation())) backwardFromPreActivation(loss.backwardPreActivation());
        else backward(loss.backward());
    }

    /** The layers as a training step runs them, the fused passes as one each (see LayerPass); the model must be built. */
    public List<LayerPass> passes() {
        requireBuilt();
        return fused.passes(layers);
    }

    /** The passes that stand for several layers (for the tests). */
    FusedPasses fusedPasses() {
        return fused;
    }

    private void backwardFrom(int layerIndex, INDArray grad) {
        fused.backwardFrom(layers, layerIndex, grad);
    }

    private Layer last() {
        if (layers.isEmpty()) throw new IllegalStateException("the model has no layers");
        return layers.get(layers.size() - 1);
    }

    /** The activation the last layer ends with (a loss may fuse with it). */
    public Activation outputActivation() {
        return last().outputActivation();
    }

    // ---- parameters ----

    /** Every trainable parameter, in layer order. */
    public List<Param> params() {
        requireBuilt();
        return parameters.trainable;
    }

    /** Non-trainable state (e.g. BatchNormalization's running mean and variance), in layer order. */
    public List<Param> nonTrainableParams() {
        requireBuilt();
        return parameters.nonTrainable;
    }

    /** All trainable parameter values as one flat array (the parameters are views into it). */
    public INDArray flatParams() {
        requireBuilt();
        return parameters.values;
    }

    /** All gradients as one flat array, parallel to {@link #flatParams()}. */
    public INDArray flatGradients() {
        requireBuilt();
        return parameters.grads;
    }

    /** The number of trainable parameters. */
    public long paramCount() {
        requireBuilt();
        return parameters.trainableCount();
    }

    public long nonTrainableCount() {
        requireBuilt();
        return parameters.nonTrainableCount();
    }

    /** The output shape of layer i (without the batch axis); index -1 gives the input shape. */
    public long[] shapeAfter(int layerIndex) {
        requireBuilt();
        return shapes[layerIndex + 1].clone();
    }

    /** A copy of every parameter and state value, to go back to later with {@link #restore}. */
    public WeightsSnapshot snapshot() {
        requireBuilt();
        return new WeightsSnapshot(parameters.values.dup(), parameters.state.dup());
    }

    /** Puts back the values of an earlier {@link #snapshot()} of this model. */
    public void restore(WeightsSnapshot snapshot) {
        requireBuilt();
        if (snapshot.values().length() != parameters.values.length() || snapshot.state().length() != parameters.state.length()) {
            throw new IllegalArgumentException("the snapshot holds " + snapshot.values().length() + " values but this model has "
                    + parameters.values.length());
        }
        parameters.values.assign(snapshot.values());
        parameters.state.assign(snapshot.state());
    }

    // ---- compile, fit, evaluate, predict ----

    /** Attaches an optimizer, a loss and metrics: the model can then fit and evaluate. Returns this model. */
    public Sequential compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        if (optimizer == null || loss == null) throw new IllegalArgumentException("compile needs an optimizer and a loss");
        this.optimizer = optimizer;
        this.loss = loss;
        this.metrics = List.of(metrics);
        return this;
    }

    /** Adds a weight penalty to every mini-batch's cost (weights only, biases excluded). */
    public Sequential regularization(Regularization regularization) {
        this.regularization = regularization == null ? Regularization.none() : regularization;
        return this;
    }

    public Regularization regularization() {
        return regularization;
    }

    public Optimizer optimizer() {
        requireCompiled();
        return optimizer;
    }

    public Loss loss() {
        requireCompiled();
        return loss;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public boolean isCompiled() {
        return optimizer != null;
    }

    /**
     * Trains on {@code train} as the options say, evaluating on their validation data after each epoch. A loss that
     * becomes NaN or infinite stops training; the history then says where. Returns this fit's epochs; every epoch
     * this model has trained is in {@link #history()}.
     */
    public History fit(Dataset train, FitOptions options) {
        requireCompiled();
        if (train == null || options == null) throw new IllegalArgumentException("fit needs a training set and FitOptions");
        stopRequest = null;
        return new TrainingLoop(this, train, options).run();
    }

    /** Mean loss (without any weight penalty) and accuracy over a dataset, with no update and no shuffling. */
    public Evaluation evaluate(Dataset data) {
        requireCompiled();
        return Inference.evaluate(this, data);
    }

    /** The network's outputs for every example (a fresh array, in the order given). */
    public INDArray predict(INDArray x) {
        return Inference.predict(this, x);
    }

    /** The class with the highest score for every example of the dataset, in its order. */
    public int[] predictClasses(Dataset data) {
        return Inference.predictClasses(this, data);
    }

    /** Asks {@link #fit} to stop after the current epoch (callbacks call this). */
    public void stopTraining(String reason) {
        this.stopRequest = reason == null ? "stop requested" : reason;
    }

    String stopRequest() {
        return stopRequest;
    }

    /** Every epoch this model has trained, over all its fits (and before it was saved, for a loaded model). */
    public History history() {
        return history;
    }

    /** How many epochs this model has trained: the initialEpoch for continuing a loaded checkpoint. */
    public int trainedEpochs() {
        return history.epochs().isEmpty() ? 0 : history.epochs().get(history.epochs().size() - 1).epoch();
    }

    /** Time spent in each phase of training, summed over every fit of this model so far. */
    public PhaseTimer phaseTimer() {
        return timer;
    }

    // ---- summary, save and load ----

    /** Prints a Keras-like table: each layer with its output shape and parameter count, then the totals. */
    public void summary() {
        System.out.println(summaryText());
    }

    /** The text {@link #summary()} prints. */
    public String summaryText() {
        if (!isBuilt()) build();
        return ModelSummary.of(this);
    }

    /** The layers as data: what {@link #fromConfig} takes. */
    public List<Map<String, Object>> layerConfigs() {
        return layers.stream().map(l -> l.config().asMap()).toList();
    }

    /**
     * Writes the whole model to one .npz file: architecture, weights, non-trainable state, the optimizer's state and
     * the history. The file appears complete or not at all. numpy opens it: {@code np.load(path)["dense_1/W"]}.
     */
    public Path save(Path file) throws IOException {
        return ModelFile.save(this, file);
    }

    /** A model saved by {@link #save}, ready to predict or to continue training where it stopped. */
    public static Sequential load(Path file) throws IOException {
        return ModelFile.load(file);
    }

    /** Writes only the weights and state, one array per parameter ("dense_1/W"), as an .npz file. */
    public Path saveWeights(Path file) throws IOException {
        requireBuilt();
        return ModelFile.saveWeights(this, file);
    }

    /** Replaces the weights and state with those in the file; checks every name and shape before changing anything. */
    public void loadWeights(Path file) throws IOException {
        requireBuilt();
        ModelFile.loadWeights(this, file);
    }

    // ---- helpers ----

    void requireBuilt() {
        if (!isBuilt()) throw new IllegalStateException("the model is not built yet: call build() or run a first batch");
    }

    private void requireCompiled() {
        if (optimizer == null) {
            throw new IllegalStateException("the model is not compiled: call compile(optimizer, loss, metrics) first");
        }
    }

    void requireInput(long[] exampleShape) {
        if (!Arrays.equals(shapes[0], exampleShape)) {
            throw new IllegalArgumentException("the model takes examples of shape [" + join(shapes[0]) + "] but the data has ["
                    + join(exampleShape) + "]");
        }
    }

    Parameters parameters() {
        requireBuilt();
        return parameters;
    }

    private static String join(long[] shape) {
        StringBuilder b = new StringBuilder();
        for (long d : shape) b.append(b.isEmpty() ? "" : ", ").append(d);
        return b.toString();
    }

    @Override
    public String toString() {
        return "Sequential[" + layers.size() + " layers" + (isCompiled() ? ", " + optimizer + ", " + loss : "")
                + (regularization.active() ? ", " + regularization : "") + "]";
    }
}
