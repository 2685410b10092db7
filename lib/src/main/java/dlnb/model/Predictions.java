package dlnb.model;

import dlnb.data.MiniBatches;
import dlnb.ops.Kernel;
import dlnb.ops.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;


/**
 * The predicted class of every example of an epoch, written batch by batch by one native argmax per batch, and
 * compared with the labels only when the accuracy is asked for.
 */
final class Predictions {
    private final MiniBatches batches;
    private final INDArray predicted;
    private final Kernel[] argmax;
    private final INDArray[] boundOutput;
    private INDArray labels;

    Predictions(MiniBatches batches) {
        this.batches = batches;
        this.predicted = Nd4j.create(DataType.LONG, batches.examples());
        this.argmax = new Kernel[batches.count()];
        this.boundOutput = new INDArray[batches.count()];
    }

    /** Call at the start of each epoch, after the batches were reordered. */
    void newEpoch() {
        int[] l = batches.labels();
        long[] asLong = new long[l.length];
        for (int i = 0; i < l.length; i++) asLong[i] = l[i];
        labels = Nd4j.createFromArray(asLong);
    }

    void record(int batch, INDArray output) {
        if (boundOutput[batch] != output) {
            int start = batches.start(batch);
            argmax[batch] = Kernels.argmaxRows(output, predicted.get(NDArrayIndex.interval(start, start + batches.size(batch))));
            boundOutput[batch] = output;
        }
        argmax[batch].run();
    }

    /** Accuracy over the first {@code examples} examples of the epoch. */
    double accuracy(int examples) {
        if (examples == 0) return Double.NaN;
        INDArray p = predicted.get(NDArrayIndex.interval(0, examples));
        INDArray l = labels.get(NDArrayIndex.interval(0, examples));
        return p.eq(l).castTo(DataType.INT).sumNumber().doubleValue() / examples;
    }

    /** The predicted classes of the epoch, in its order. */
    int[] predicted() {
        return predicted.toIntVector();
    }
}
