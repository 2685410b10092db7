package dlnb.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Random;

/**
 * A dataset cut into mini-batches, in a new random order each epoch when shuffling. The shuffled copy of the data
 * is made once and refilled each epoch ({@code Nd4j.pullRows}); every batch is a view into it, created once. The
 * last batch is smaller when the batch size does not divide the number of examples.
 */
public final class MiniBatches {
    private final Dataset data;
    private final int batchSize;
    private final Random random;
    private final INDArray sourceRows, sourceTargets, rows, targets;
    private final Batch[] batches;
    private int[] order;
    private int[] labels;

    /**
     * Batches in a fresh random order each epoch, drawn from a generator seeded with {@code seed}: call
     * {@link #nextEpoch()} at the start of every epoch (before that, the order is the dataset's own).
     */
    public static MiniBatches shuffled(Dataset data, int batchSize, long seed) {
        return new MiniBatches(data, batchSize, new Random(seed));
    }

    /** Batches in the dataset's own order, every epoch (for evaluation). */
    public static MiniBatches inOrder(Dataset data, int batchSize) {
        return new MiniBatches(data, batchSize, null);
    }

    private MiniBatches(Dataset data, int batchSize, Random random) {
        if (batchSize <= 0) throw new IllegalArgumentException("the batch size must be positive, got " + batchSize);
        if (data.size() == 0) throw new IllegalArgumentException("the dataset is empty");
        this.data = data;
        this.batchSize = batchSize;
        this.random = random;
        INDArray features = data.features();
        if (features.isView() && features.offset() != 0) {
            // ND4J 1.0.0-M2.1 returns empty arrays for some batch views of such a view: work on a copy.
            features = features.dup('c');
        }
        long n = data.size();
        sourceRows = features.reshape('c', n, features.length() / n);
        sourceTargets = data.oneHot();
        if (random == null) {
            rows = sourceRows;
            targets = sourceTargets;
        } else {
            rows = Nd4j.createUninitialized(sourceRows.dataType(), sourceRows.shape());
            targets = Nd4j.createUninitialized(sourceTargets.dataType(), sourceTargets.shape());
        }
        INDArray shaped = rows.reshape('c', features.shape());
        int count = (int) ((n + batchSize - 1) / batchSize);
        batches = new Batch[count];
        for (int i = 0; i < count; i++) {
            int start = i * batchSize;
            int end = (int) Math.min(n, (long) start + batchSize);
            batches[i] = new Batch(i, start, shaped.get(NDArrayIndex.interval(start, end)),
                    targets.get(NDArrayIndex.interval(start, end)));
        }
        order = identity(data.size());
        labels = data.labels();
        if (random != null) {
            Nd4j.pullRows(sourceRows, rows, 1, order);
            Nd4j.pullRows(sourceTargets, targets, 1, order);
        }
    }

    /** Draws the next epoch's order and rearranges the copy to match (no effect when batches are in order). */
    public void nextEpoch() {
        if (random == null) return;
        drawOrder();
        Nd4j.pullRows(sourceRows, rows, 1, order);
        Nd4j.pullRows(sourceTargets, targets, 1, order);
        int[] original = data.labels();
        for (int i = 0; i < order.length; i++) labels[i] = original[order[i]];
    }

    /**
     * Draws and discards the orders of the next {@code epochs} epochs without moving any data: a run continued from
     * a checkpoint after epoch k skips k orders and then sees the batches an uninterrupted run would.
     */
    public void skipEpochs(int epochs) {
        if (epochs < 0) throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
        if (random == null) return;
        for (int e = 0; e < epochs; e++) drawOrder();
    }

    /** A Fisher-Yates shuffle of 0..n-1 from the generator: the same seed gives the same sequence of orders. */
    private void drawOrder() {
        order = identity(data.size());
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    public int count() {
        return batches.length;
    }

    public int batchSize() {
        return batchSize;
    }

    public int examples() {
        return data.size();
    }

    public Batch get(int i) {
        return batches[i];
    }

    /** Position k of this epoch holds example {@code order()[k]} of the dataset. */
    public int[] order() {
        return order.clone();
    }

    /** The labels in this epoch's order. */
    public int[] labels() {
        return labels.clone();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }
}
