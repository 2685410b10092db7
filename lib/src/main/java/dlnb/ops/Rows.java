package dlnb.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers rows of a [n, width] array into a [k, width] buffer by their indices: the mini-batch of a shuffled epoch.
 * Each row is one bulk memory copy. (ND4J's pullRows walks the whole source's row layout on every call, which for a
 * batch of 100 rows of a 60,000-row set costs milliseconds; it remains for arrays this path does not take.)
 */
public final class Rows {
    private final INDArray source, destination;
    private final ByteBuffer from, to;
    private final int rowBytes;
    /**
     * Gathers of at least this many floats split over the cores. Below it, waking the second thread costs more than it
     * saves, and varies: with W1's 500 rows (392,000 floats) gathered on one thread W1 took 3.86-4.08 s, against
     * 4.11-4.53 s split (Benchmark W1_500, 3 interleaved runs).
     */
    static final long SPLIT_FLOATS = 1 << 20;

    /** Whether a gather of this many floats splits over the cores (else it runs on the calling thread alone). */
    public static boolean splitsOverCores(long floats) {
        return floats >= SPLIT_FLOATS;
    }

    /** Whether rows of {@code source} are copied as blocks of memory (float32, in one block); else pullRows does it. */
    public static boolean copiesRowsOf(INDArray source) {
        return FloatBuffers.contiguousFloats(source);
    }

    private Rows(INDArray source, INDArray destination) {
        this.source = source;
        this.destination = destination;
        boolean direct = FloatBuffers.contiguousFloats(source) && FloatBuffers.contiguousFloats(destination);
        from = direct ? FloatBuffers.of(source) : null;
        to = direct ? FloatBuffers.of(destination) : null;
        rowBytes = (int) (4 * source.columns());
    }

    /** A gatherer from {@code source} [n, width] into {@code destination} [k, width], bound once to both. */
    public static Rows gatherer(INDArray source, INDArray destination) {
        if (source.rank() != 2 || destination.rank() != 2 || source.columns() != destination.columns()) {
            throw new IllegalArgumentException("rows of " + java.util.Arrays.toString(source.shape()) + " do not fit "
                    + java.util.Arrays.toString(destination.shape()));
        }
        return new Rows(source, destination);
    }

    /** destination[i] = source[rows[i]] for every i (rows.length must be the destination's row count). */
    public void gather(int[] rows) {
        if (rows.length != destination.rows()) throw new IllegalArgumentException(rows.length + " rows for a buffer of " + destination.rows());
        if (from == null) {
            Nd4j.pullRows(source, destination, 1, rows);
            return;
        }
        // The copy waits on memory (random rows of a set far larger than the caches), so two threads keep twice as many
        // rows in flight: 20,000 MNIST rows took 5.7-6.7 ms instead of 8.9-12.3 alone (smaller batches: SPLIT_FLOATS).
        // In the training loop that holds only when idle OpenMP threads do not spin on the other core
        // (OMP_WAIT_POLICY=PASSIVE, see Threads).
        long floats = (long) rows.length * (rowBytes / 4);
        Chunks.parts(rows.length, splitsOverCores(floats) ? Chunks.threadsFor(floats) : 1, (part, first, end) -> {
            for (int i = first; i < end; i++) to.put(i * rowBytes, from, rows[i] * rowBytes, rowBytes);
        });
        Reference.reachabilityFence(source);
        Reference.reachabilityFence(destination);
    }

    /**
     * The same gather as pieces of at most {@code rowsPerPiece} rows each, to run on any thread in any order (all of
     * them, before the destination is read): a background gather that a more urgent job can overtake between pieces.
     */
    public List<Runnable> pieces(int[] rows, int rowsPerPiece) {
        if (rows.length != destination.rows()) throw new IllegalArgumentException(rows.length + " rows for a buffer of " + destination.rows());
        if (from == null) return List.of(() -> gather(rows));
        List<Runnable> pieces = new ArrayList<>();
        for (int first = 0; first < rows.length; first += rowsPerPiece) {
            int start = first, end = Math.min(rows.length, first + rowsPerPiece);
            pieces.add(() -> {
                for (int i = start; i < end; i++) to.put(i * rowBytes, from, rows[i] * rowBytes, rowBytes);
                Reference.reachabilityFence(source);
                Reference.reachabilityFence(destination);
            });
        }
        return pieces;
    }
}
