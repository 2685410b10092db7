package dlnb.data;

import dlnb.ops.Rows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A dataset cut into mini-batches, in a new random order each epoch when shuffling. Shuffled batches are gathered
 * when asked for: {@link #get} copies the batch's rows, picked by the epoch's permutation, into a buffer kept for
 * that batch size (a memory copy per row, see dlnb.ops.Rows), so no shuffled copy of the whole set is made and the rows land in a
 * small buffer that stays in cache. A batch's arrays are therefore valid until the next {@code get}. Batches in the
 * dataset's own order (for evaluation) are views into it. The last batch is smaller when the batch size does not
 * divide the number of examples.
 * <p>
 * When the calling thread has a core to spare and a batch of float32 rows is small enough to be gathered on one
 * thread, each {@code get(i)} also starts gathering batch i + 1 in the background ({@link GatherAhead}), into a
 * second buffer: batches then alternate between two buffers, and the contract stays the same.
 */
public final class MiniBatches {
    private final Dataset data;
    private final int batchSize;
    private final Random random;
    private final INDArray sourceRows, sourceTargets;
    private final Batch[] batches;
    private final int[][] rowIndex;
    private final Rows[] featureGather, targetGather;
    private int[] order;
    private final int[] labels;
    private final boolean ahead;
    private final GatherAhead gatherAhead = new GatherAhead();

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
        int n = data.size();
        sourceRows = features.reshape('c', n, features.length() / n);
        sourceTargets = data.oneHot();
        int count = (n + batchSize - 1) / batchSize;
        batches = new Batch[count];
        rowIndex = new int[count][];
        featureGather = new Rows[count];
        targetGather = new Rows[count];
        ahead = random != null && count > 1 && GatherAhead.availableHere() && Rows.copiesRowsOf(sourceRows)
                && !Rows.splitsOverCores((long) batchSize * sourceRows.columns());
        // One buffer per batch size (all full batches share one, the smaller last batch has its own), or two that
        // alternate, by the batch's parity, when the next batch is gathered ahead.
        Batch[][] shared = new Batch[2][ahead ? 2 : 1];
        for (int i = 0; i < count; i++) {
            int start = i * batchSize, size = Math.min(n, start + batchSize) - start;
            if (random == null) {
                INDArray shaped = features.reshape('c', features.shape());
                batches[i] = new Batch(i, start, shaped.get(NDArrayIndex.interval(start, start + size)),
                        sourceTargets.get(NDArrayIndex.interval(start, start + size)));
                continue;
            }
            Batch[] ofSize = shared[size == batchSize ? 0 : 1];
            int slot = i % ofSize.length;
            if (ofSize[slot] == null) {
                ofSize[slot] = new Batch(i, start, buffer(features, size),
                        Nd4j.createUninitialized(sourceTargets.dataType(), size, sourceTargets.columns()));
            }
            Batch buffers = ofSize[slot];
            batches[i] = new Batch(i, start, buffers.x(), buffers.y());
            rowIndex[i] = new int[size];
            featureGather[i] = Rows.gatherer(sourceRows, buffers.x().reshape('c', size, sourceRows.columns()));
            targetGather[i] = Rows.gatherer(sourceTargets, buffers.y());
        }
        order = identity(n);
        labels = data.labels();
    }

    /** A [size, ...] buffer shaped like one batch of these features. */
    private static INDArray buffer(INDArray features, int size) {
        long[] shape = features.shape().clone();
        shape[0] = size;
        return Nd4j.createUninitialized(features.dataType(), shape);
    }

    /** Draws the next epoch's order (no effect when batches are in order). */
    public void nextEpoch() {
        if (random == null) return;
        gatherAhead.settle();
        drawOrder();
        int[] original = data.labels();
        for (int i = 0; i < order.length; i++) labels[i] = original[order[i]];
    }

    /**
     * Draws and discards the orders of the next {@code epochs} epochs: a run continued from a checkpoint after
     * epoch k skips k orders and then sees the batches an uninterrupted run would.
     */
    public void skipEpochs(int epochs) {
        if (epochs < 0) throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
        if (random == null) return;
        gatherAhead.settle();
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

    /**
     * Batch {@code i} of this epoch. For shuffled batches its rows are gathered now into the buffer of its size, which
     * the next call of {@code get} overwrites: use a batch before asking for the next.
     */
    public Batch get(int i) {
        Batch b = batches[i];
        if (random == null) return b;
        if (!gatherAhead.take(i)) {
            pickRows(i);
            gather(i);
        }
        if (ahead && i + 1 < batches.length) {
            int next = i + 1;
            pickRows(next); // here, not in the background: the order belongs to this thread
            int[] rows = rowIndex[next];
            List<Runnable> pieces = new ArrayList<>(featureGather[next].pieces(rows, GatherAhead.ROWS_PER_PIECE));
            pieces.addAll(targetGather[next].pieces(rows, rows.length));
            gatherAhead.start(next, pieces);
        }
        return b;
    }

    /** Fills batch i's row indices from this epoch's order. */
    private void pickRows(int i) {
        System.arraycopy(order, batches[i].start(), rowIndex[i], 0, rowIndex[i].length);
    }

    private void gather(int i) {
        featureGather[i].gather(rowIndex[i]);
        targetGather[i].gather(rowIndex[i]);
    }

    /** Whether each batch's successor is gathered ahead, on the spare core. */
    boolean gathersAhead() {
        return ahead;
    }

    /** Where batch {@code i} starts in this epoch's order (without gathering it). */
    public int start(int i) {
        return batches[i].start();
    }

    /** How many examples batch {@code i} holds. */
    public int size(int i) {
        return (int) batches[i].x().size(0);
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
