package dlnb.model;

import dlnb.data.Batch;
import dlnb.data.DataCheck;
import dlnb.data.Dataset;
import dlnb.data.MiniBatches;
import dlnb.loss.Loss;
import dlnb.loss.Reduction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/** Evaluation and prediction: forward passes only, in the data's own order, in batches of {@link #BATCH}. */
final class Inference {
    /** Evaluation and prediction work through the data in batches of this size. */
    static final int BATCH = 500;

    private Inference() {
    }

    static Evaluation evaluate(Sequential model, Dataset data) {
        Dataset checked = DataCheck.usable(data, model.dataType(), "the evaluation set");
        try {
            return evaluateChecked(model, checked);
        } catch (OutOfMemoryError e) {
            throw OutOfMemory.explain(e, model, exampleShape(checked.features()), BATCH, "evaluating (batches of " + BATCH + ")");
        }
    }

    /** {@link #evaluate} on data already checked and in the model's type. */
    static Evaluation evaluateChecked(Sequential model, Dataset data) {
        prepare(model, data.features());
        requireClassScores(model, data.numClasses());
        Loss loss = model.loss();
        MiniBatches batches = MiniBatches.inOrder(data, Math.min(BATCH, data.size()));
        Predictions predictions = new Predictions(batches);
        predictions.newEpoch();
        double lossSum = 0;
        for (int i = 0; i < batches.count(); i++) {
            Batch b = batches.get(i);
            INDArray output = model.forward(b.x(), false);
            double value = loss.forward(output, b.y());
            lossSum += loss.reduction() == Reduction.MEAN ? value * b.size() : value;
            predictions.record(i, output);
        }
        return new Evaluation(lossSum / data.size(), predictions.accuracy(data.size()), data.size());
    }

    static INDArray predict(Sequential model, INDArray x) {
        DataCheck.requireFloatingRows(x, "the input to predict");
        prepare(model, x);
        INDArray input = x.dataType() == model.dataType() ? x : x.castTo(model.dataType());
        // ND4J 1.0.0-M2.1 returns empty arrays for some batch views of a view that does not start at element 0.
        if (input.isView() && input.offset() != 0) input = input.dup('c');
        DataCheck.requireFinite(input, "the input to predict");
        try {
            return predictChecked(model, input);
        } catch (OutOfMemoryError e) {
            throw OutOfMemory.explain(e, model, exampleShape(x), BATCH, "predicting (batches of " + BATCH + ")");
        }
    }

    private static INDArray predictChecked(Sequential model, INDArray input) {
        long n = input.size(0);
        INDArray result = null;
        for (long start = 0; start < n; start += BATCH) {
            long end = Math.min(n, start + BATCH);
            INDArray out = model.forward(input.get(NDArrayIndex.interval(start, end)), false);
            if (result == null) {
                long[] shape = out.shape().clone();
                shape[0] = n;
                result = Nd4j.create(out.dataType(), shape);
            }
            result.get(NDArrayIndex.interval(start, end)).assign(out);
        }
        return result;
    }

    static int[] predictClasses(Sequential model, Dataset given) {
        Dataset data = DataCheck.usable(given, model.dataType(), "the dataset to classify");
        prepare(model, data.features());
        try {
            MiniBatches batches = MiniBatches.inOrder(data, Math.min(BATCH, data.size()));
            Predictions predictions = new Predictions(batches);
            for (int i = 0; i < batches.count(); i++) predictions.record(i, model.forward(batches.get(i).x(), false));
            return predictions.predicted();
        } catch (OutOfMemoryError e) {
            throw OutOfMemory.explain(e, model, exampleShape(data.features()), BATCH, "classifying (batches of " + BATCH + ")");
        }
    }

    /**
     * Fails unless the model gives one score per class for each example: checked once, before any batch, so a
     * mismatch is named in the model's terms rather than as a shape error inside the loss.
     */
    static void requireClassScores(Sequential model, int numClasses) {
        long[] out = model.shapeAfter(model.layers().size() - 1);
        if (out.length != 1) {
            throw new IllegalArgumentException("the model gives each example an output of shape " + Arrays.toString(out)
                    + ", but classifying needs one score per class: end it with Flatten() and Dense(" + numClasses + ")");
        }
        if (out[0] != numClasses) {
            throw new IllegalArgumentException("the model's last layer gives " + out[0] + " scores per example but the data have "
                    + numClasses + " classes: make the last layer Dense(" + numClasses + ")");
        }
    }

    private static void prepare(Sequential model, INDArray features) {
        model.build(exampleShape(features));
    }

    private static long[] exampleShape(INDArray features) {
        return Arrays.copyOfRange(features.shape(), 1, features.rank());
    }
}
