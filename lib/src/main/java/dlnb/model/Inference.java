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
        return evaluateChecked(model, DataCheck.usable(data, model.dataType(), "the evaluation set"));
    }

    /** {@link #evaluate} on data already checked and in the model's type. */
    static Evaluation evaluateChecked(Sequential model, Dataset data) {
        prepare(model, data.features());
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
        long n = x.size(0);
        INDArray input = x.castTo(model.dataType());
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
        Dataset data = DataCheck.usable(given, model.dataType(), "the data to classify");
        prepare(model, data.features());
        MiniBatches batches = MiniBatches.inOrder(data, Math.min(BATCH, data.size()));
        Predictions predictions = new Predictions(batches);
        for (int i = 0; i < batches.count(); i++) predictions.record(i, model.forward(batches.get(i).x(), false));
        return predictions.predicted();
    }

    private static void prepare(Sequential model, INDArray features) {
        long[] shape = Arrays.copyOfRange(features.shape(), 1, features.rank());
        model.build(shape);
    }
}
