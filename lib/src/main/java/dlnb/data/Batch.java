package dlnb.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One mini-batch: examples {@code start} to {@code start + size()} of the epoch's order, as views. */
public record Batch(int index, int start, INDArray x, INDArray y) {
    public int size() {
        return (int) x.size(0);
    }
}
