package dlnb.train;

import dlnb.data.Batch;
import dlnb.data.Dataset;
import dlnb.data.MiniBatches;
import dlnb.loss.Loss;
import dlnb.loss.Reduction;
import dlnb.nn.Sequential;
import dlnb.optim.Optimizer;
import dlnb.optim.Regularization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * A network with its optimizer, loss and metrics, as Keras' compiled model: {@link #fit}, {@link #evaluate},
 * {@link #predict}. Made by {@link Sequential#compile}. Training visits the examples in orders drawn from the
 * network's seed, so the same seed gives the same weights, the same shuffles and the same history.
 */
public class Model {
    /** Evaluation and prediction work through the data in batches of this size. */
    static final int EVALUATION_BATCH = 500;

    private final Sequential network;
    private final Optimizer optimizer;
    private final Loss loss;
    private final boolean accuracy;
    private Regularization regularization = Regularization.none();
    private int verbose = 1;
    private PrintStream out = System.out;
    private final PhaseTimer timer = new PhaseTimer();
    private String stopRequest;

    public Model(Sequential network, Optimizer optimizer, Loss loss, Metric... metrics) {
        if (network == null || optimizer == null || loss == null) {
            throw new IllegalArgumentException("a model needs a network, an optimizer and a loss");
        }
        this.network = network;
        this.optimizer = optimizer;
        this.loss = loss;
        this.accuracy = Arrays.asList(metrics).contains(Metric.ACCURACY);
    }

    public Sequential network() {
        return network;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    /** Adds a weight penalty to every mini-batch's cost (weights only, biases excluded). */
    public Model regularization(Regularization regularization) {
        this.regularization = regularization == null ? Regularization.none() : regularization;
        return this;
    }

    public Regularization regularization() {
        return regularization;
    }

    /** 0: silent; 1: Keras' progress line (default); 2: one line per epoch. */
    public Model verbose(int level) {
        if (level < 0 || level > 2) throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + level);
        this.verbose = level;
        return this;
    }

    /** Where progress goes (System.out by default). */
    public Model output(PrintStream stream) {
        this.out = stream;
        return this;
    }

    /** Time spent in each phase of training, summed over every fit of this model so far. */
    public PhaseTimer phaseTimer() {
        return timer;
    }

    /** Asks {@link #fit} to stop after the current epoch (callbacks call this). */
    public void stopTraining(String reason) {
        this.stopRequest = reason;
    }

    public History fit(Dataset train, int epochs, int batchSize) {
        return fit(train, epochs, batchSize, null);
    }

    /**
     * Trains for {@code epochs} passes over {@code train} in mini-batches of {@code batchSize}, evaluating on
     * {@code validation} (may be null) after each epoch. A loss that becomes NaN or infinite stops training; the
     * history then says at which epoch and batch.
     */
    public History fit(Dataset train, int epochs, int batchSize, Dataset validation, Callback... callbacks) {
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        if (batchSize <= 0) throw new IllegalArgumentException("the batch size must be positive, got " + batchSize);
        List<Callback> cbs = List.of(callbacks);
        // Every fit draws its epochs' orders from the network's seed, so training again from the same weights
        // repeats the run exactly.
        MiniBatches batches = MiniBatches.shuffled(train, batchSize, network.seed());
        Predictions predictions = new Predictions(batches);
        History history = new History();
        ProgressLine progress = verbose == 1 ? new ProgressLine(out, epochs) : null;
        stopRequest = null;
        cbs.forEach(c -> c.onTrainBegin(this));
        for (int epoch = 1; epoch <= epochs && stopRequest == null; epoch++) {
            for (Callback c : cbs) c.onEpochBegin(epoch, this);
            double rate = optimizer.learningRate();
            long start = System.nanoTime();
            timer.mark();
            batches.nextEpoch();
            predictions.newEpoch();
            timer.lap(Phase.SHUFFLE);
            if (progress != null) progress.startEpoch(epoch, batches.count());
            double lossSum = 0;
            int seen = 0;
            for (int i = 0; i < batches.count(); i++) {
                Batch batch = batches.get(i);
                double batchLoss = step(batch, predictions);
                if (!Double.isFinite(batchLoss)) {
                    String reason = "the loss became " + batchLoss + " at epoch " + epoch + ", batch " + (i + 1)
                            + " (try a smaller learning rate)";
                    history.stopped(reason);
                    out.println("\nTraining stopped: " + reason + ".");
                    stopRequest = reason;
                    break;
                }
                double penalty = regularization.active() ? regularization.cost(network) : 0;
                lossSum += summed(batchLoss, batch.size());
                seen += batch.size();
                BatchLogs logs = new BatchLogs(epoch, i + 1, batch.size(), batchLoss + penalty, penalty);
                history.add(logs);
                for (Callback c : cbs) c.onBatchEnd(logs, this);
                if (progress != null && progress.due(i + 1)) {
                    progress.draw(i + 1, lossSum / seen, accuracy ? predictions.accuracy(seen) : Double.NaN);
                }
            }
            if (seen < batches.examples()) break;
            double seconds = (System.nanoTime() - start) / 1e9;
            double trainAccuracy = accuracy ? predictions.accuracy(seen) : Double.NaN;
            Evaluation val = validation == null ? null : evaluate(validation);
            EpochLogs logs = new EpochLogs(epoch, lossSum / seen, trainAccuracy,
                    val == null ? Double.NaN : val.loss(), val == null || !accuracy ? Double.NaN : val.accuracy(),
                    seconds, seen / seconds, rate);
            history.add(logs);
            if (progress != null) progress.endEpoch(logs.loss(), logs.accuracy(), logs.valLoss(), logs.valAccuracy());
            if (verbose == 2) out.println(epochLine(logs, epochs));
            for (Callback c : cbs) c.onEpochEnd(logs, this);
        }
        if (stopRequest != null) history.stopped(stopRequest);
        for (Callback c : cbs) c.onTrainEnd(history, this);
        return history;
    }

    /** One mini-batch: forward, loss, backward, regularisation, update. Returns the batch's loss (without penalty). */
    private double step(Batch batch, Predictions predictions) {
        INDArray output = network.forward(batch.x(), true);
        timer.lap(Phase.FORWARD);
        double value = loss.forward(output, batch.y());
        timer.lap(Phase.LOSS);
        if (!Double.isFinite(value)) return value;
        if (accuracy) predictions.record(batch.index(), output);
        timer.lap(Phase.METRICS);
        network.backward(loss);
        regularization.addGradients(network);
        timer.lap(Phase.BACKWARD);
        optimizer.update(network);
        timer.lap(Phase.UPDATE);
        timer.countBatch();
        return value;
    }

    /** A batch's loss as a sum over its examples, whatever the loss's reduction (so epochs average per example). */
    private double summed(double batchLoss, int batchSize) {
        return loss.reduction() == Reduction.MEAN ? batchLoss * batchSize : batchLoss;
    }

    private static String epochLine(EpochLogs e, int epochs) {
        String s = String.format("epoch %d/%d - %.1fs - %,.0f images/s - loss: %.4f", e.epoch(), epochs, e.seconds(),
                e.imagesPerSecond(), e.loss());
        if (!Double.isNaN(e.accuracy())) s += String.format(" - accuracy: %.4f", e.accuracy());
        if (!Double.isNaN(e.valLoss())) s += String.format(" - val_loss: %.4f", e.valLoss());
        if (!Double.isNaN(e.valAccuracy())) s += String.format(" - val_accuracy: %.4f", e.valAccuracy());
        return s;
    }

    /** Mean loss (without any weight penalty) and accuracy over a dataset, with no update and no shuffling. */
    public Evaluation evaluate(Dataset data) {
        MiniBatches batches = MiniBatches.inOrder(data, Math.min(EVALUATION_BATCH, data.size()));
        Predictions predictions = new Predictions(batches);
        predictions.newEpoch();
        double lossSum = 0;
        for (int i = 0; i < batches.count(); i++) {
            Batch b = batches.get(i);
            INDArray output = network.forward(b.x(), false);
            double value = loss.forward(output, b.y());
            lossSum += summed(value, b.size());
            predictions.record(i, output);
        }
        return new Evaluation(lossSum / data.size(), predictions.accuracy(data.size()), data.size());
    }

    /** The network's outputs for every example (a fresh array, in the order given). */
    public INDArray predict(INDArray x) {
        long n = x.size(0);
        INDArray result = null;
        for (long start = 0; start < n; start += EVALUATION_BATCH) {
            long end = Math.min(n, start + EVALUATION_BATCH);
            INDArray out = network.forward(x.get(NDArrayIndex.interval(start, end)), false);
            if (result == null) {
                long[] shape = out.shape().clone();
                shape[0] = n;
                result = Nd4j.create(out.dataType(), shape);
            }
            result.get(NDArrayIndex.interval(start, end)).assign(out);
        }
        return result;
    }

    /** The class with the highest score for every example of the dataset, in its order. */
    public int[] predictClasses(Dataset data) {
        MiniBatches batches = MiniBatches.inOrder(data, Math.min(EVALUATION_BATCH, data.size()));
        Predictions predictions = new Predictions(batches);
        for (int i = 0; i < batches.count(); i++) predictions.record(i, network.forward(batches.get(i).x(), false));
        return predictions.predicted();
    }

    /** Layers, output shapes and parameter counts (see {@link Sequential#summary()}). */
    public String summary() {
        return network.summary();
    }

    @Override
    public String toString() {
        return "Model[" + optimizer + ", " + loss + (regularization.active() ? ", " + regularization : "") + "]";
    }
}
