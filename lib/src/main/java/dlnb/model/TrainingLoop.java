package dlnb.model;

import dlnb.data.Batch;
import dlnb.data.DataCheck;
import dlnb.data.Dataset;
import dlnb.data.MiniBatches;
import dlnb.loss.Loss;
import dlnb.loss.Reduction;
import dlnb.metrics.Metric;
import dlnb.optim.Optimizer;
import dlnb.optim.Regularization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * One call of {@link Sequential#fit}: for each epoch, a new order of the examples, then for each mini-batch
 * forward, loss, backward, penalty gradient and update; after the epoch, the validation set is evaluated and the
 * callbacks hear of it. Every fit draws its epochs' orders from the model's seed, so training again from the same
 * weights repeats the run exactly; a fit that continues from epoch k draws (and skips) the first k orders, so a
 * resumed run takes the same batches as one that never stopped.
 */
final class TrainingLoop {
    /** Inputs beyond this size (in absolute value) are not scaled the way networks need. */
    private static final double LARGE_INPUT = 100;
    private final Sequential model;
    private final Dataset train;
    private final FitOptions options;
    private final Optimizer optimizer;
    private final Loss loss;
    private final Regularization regularization;
    private final boolean accuracy;
    private final PhaseTimer timer;
    /** What the loop is doing, the example shape and the batch size in use: for explaining an out-of-memory error. */
    private String doing = "checking the data";
    private long[] memoryShape;
    private long memoryBatch;

    TrainingLoop(Sequential model, Dataset train, FitOptions options) {
        this.model = model;
        this.train = train;
        this.options = options;
        this.optimizer = model.optimizer();
        this.loss = model.loss();
        this.regularization = model.regularization();
        this.accuracy = model.metrics().contains(Metric.ACCURACY);
        this.timer = model.phaseTimer();
    }

    History run() {
        try {
            return train();
        } catch (OutOfMemoryError e) {
            throw OutOfMemory.explain(e, model, memoryShape, memoryBatch, doing);
        }
    }

    private History train() {
        int first = options.initialEpoch() + 1, last = options.epochs();
        if (first > last) {
            throw new IllegalArgumentException("nothing to train: initialEpoch " + options.initialEpoch() + " is not below epochs "
                    + last + " (epochs is the number of the last epoch, as in Keras)");
        }
        Dataset train = DataCheck.usable(this.train, model.dataType(), "the training set");
        Dataset validation = options.validation() == null ? null
                : DataCheck.usable(options.validation(), model.dataType(), "the validation set");
        doing = "creating the model's parameters";
        memoryShape = exampleShape(train);
        model.build(memoryShape);
        if (validation != null) model.requireInput(exampleShape(validation));
        Inference.requireClassScores(model, train.numClasses());
        doing = "copying the training set (" + train.size() + " examples) into its shuffled order";
        MiniBatches batches = options.shuffle()
                ? MiniBatches.shuffled(train, options.batchSize(), model.seed())
                : MiniBatches.inOrder(train, options.batchSize());
        batches.skipEpochs(options.initialEpoch());
        Predictions predictions = new Predictions(batches);
        History history = new History();
        List<Callback> callbacks = options.callbacks();
        ProgressLine progress = options.verbose() == 1 ? new ProgressLine(options.output(), last) : null;
        boolean stochastic = model.layers().stream().anyMatch(l -> l.stochastic());
        doing = "training on batches of " + options.batchSize() + " examples";
        memoryBatch = options.batchSize();
        callbacks.forEach(c -> c.onTrainBegin(model));
        for (int epoch = first; epoch <= last && model.stopRequest() == null; epoch++) {
            for (Callback c : callbacks) c.onEpochBegin(epoch, model);
            // Dropout draws from ND4J's generator: seeding it per epoch keeps a resumed run on the same masks.
            if (stochastic) Nd4j.getRandom().setSeed(model.seed() * 1_000_003L + epoch);
            double rate = optimizer.learningRate();
            long start = System.nanoTime();
            timer.mark();
            batches.nextEpoch();
            predictions.newEpoch();
            timer.lap(Phase.SHUFFLE);
            if (progress != null) progress.startEpoch(epoch, batches.count());
            double lossSum = 0;
            int seen = 0;
            long right = 0;
            boolean counted = true;
            String stop = null;
            for (int i = 0; i < batches.count(); i++) {
                Batch batch = batches.get(i);
                INDArray output = model.forward(batch.x(), true);
                timer.lap(Phase.FORWARD);
                double batchLoss = loss.forward(output, batch.y());
                // The penalty of the weights that produced this loss, before the update changes them.
                double penalty = regularization.cost(model.params());
                timer.lap(Phase.LOSS);
                if (!Double.isFinite(batchLoss)) {
                    stop = nonFiniteLoss(batchLoss, epoch, i, batches);
                    break;
                }
                if (accuracy) {
                    // The fused loss pass counts the right rows as it goes; other losses leave it to an argmax per batch.
                    long rightInBatch = loss.correct();
                    if (rightInBatch >= 0) right += rightInBatch;
                    else predictions.record(batch.index(), output);
                    counted &= rightInBatch >= 0;
                }
                timer.lap(Phase.METRICS);
                model.backward(loss);
                regularization.addGradients(model.params());
                timer.lap(Phase.BACKWARD);
                optimizer.update(model.flatParams(), model.flatGradients());
                timer.lap(Phase.UPDATE);
                timer.countBatch();
                lossSum += summed(batchLoss, batch.size());
                seen += batch.size();
                BatchLogs logs = new BatchLogs(epoch, i + 1, batch.size(), batchLoss + penalty, penalty);
                history.add(logs);
                model.history().add(logs);
                for (Callback c : callbacks) c.onBatchEnd(logs, model);
                if (progress != null && progress.due(i + 1)) {
                    progress.draw(i + 1, lossSum / seen, accuracy ? (counted ? (double) right / seen : predictions.accuracy(seen)) : Double.NaN);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (stop != null) {
                options.output().println("\nTraining stopped: " + stop + ".");
                EpochLogs partial = new EpochLogs(epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN, seconds, seen / seconds, rate);
                history.add(partial);
                history.stopped(stop);
                model.history().stopped(stop);
                model.stopTraining(stop);
                break;
            }
            double trainAccuracy = !accuracy ? Double.NaN : counted ? (double) right / seen : predictions.accuracy(seen);
            Evaluation val = validation == null ? null : validate(validation);
            EpochLogs logs = new EpochLogs(epoch, lossSum / seen, trainAccuracy,
                    val == null ? Double.NaN : val.loss(), val == null || !accuracy ? Double.NaN : val.accuracy(),
                    seconds, seen / seconds, rate);
            history.add(logs);
            model.history().add(logs);
            if (progress != null) progress.endEpoch(logs.loss(), logs.accuracy(), logs.valLoss(), logs.valAccuracy());
            if (options.verbose() == 2) options.output().println(epochLine(logs, last));
            for (Callback c : callbacks) c.onEpochEnd(logs, model);
        }
        if (model.stopRequest() != null) history.stopped(model.stopRequest());
        for (Callback c : callbacks) c.onTrainEnd(history, model);
        return history;
    }

    private Evaluation validate(Dataset validation) {
        doing = "evaluating the validation set (batches of " + Inference.BATCH + ")";
        memoryBatch = Inference.BATCH;
        Evaluation val = Inference.evaluateChecked(model, validation);
        doing = "training on batches of " + options.batchSize() + " examples";
        memoryBatch = options.batchSize();
        return val;
    }

    /**
     * Why the loss stopped being a number. The data were checked for NaN and infinity before training, so the
     * weights diverged, often because the inputs are not scaled: say where, with the examples of that batch by their
     * place in the dataset, and which of the two it looks like.
     */
    private static String nonFiniteLoss(double value, int epoch, int batchIndex, MiniBatches batches) {
        int start = batches.start(batchIndex), size = batches.size(batchIndex);
        int[] rows = Arrays.copyOfRange(batches.order(), start, Math.min(start + size, start + 5));
        String examples = Arrays.toString(rows).replaceAll("[\\[\\]]", "") + (size > rows.length ? ", …" : "");
        double largestInput = batches.get(batchIndex).x().amaxNumber().doubleValue();
        String cause = largestInput > LARGE_INPUT
                ? String.format(java.util.Locale.ROOT, "but the inputs reach %.3g in magnitude: scale them first (pixels / 255,"
                        + " or a Standardizer) and try again, with a smaller learning rate if it happens again", largestInput)
                : "so the weights diverged: try a smaller learning rate";
        return "the loss became " + value + " at epoch " + epoch + ", batch " + (batchIndex + 1) + " of " + batches.count()
                + " (training examples " + examples + "); the data hold no NaN or infinity, " + cause;
    }

    private static long[] exampleShape(Dataset d) {
        long[] s = d.features().shape();
        return Arrays.copyOfRange(s, 1, s.length);
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
}
