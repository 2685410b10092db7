package dlnb.data;

import dlnb.ops.SpareCore;

import java.util.ArrayList;
import java.util.List;

/**
 * The gather of one batch, run on the spare core while the training step of the batch before it runs on the
 * calling thread. A shuffled batch's rows come from random places in a set far larger than the caches, so the
 * gather waits on memory; on the other core it costs the step nothing. It goes as background pieces of
 * {@link #ROWS_PER_PIECE} rows, so that half of a matrix product handed over meanwhile waits for one piece at
 * most, not the whole gather. At most one gather is in flight; whoever reads its batch waits for it first, and
 * gathers any piece not yet started itself.
 */
final class GatherAhead {
    /** About 10 µs of copying for an MNIST row of 3,136 bytes (100 rows took 60-90 µs on one core). */
    static final int ROWS_PER_PIECE = 16;
    private final List<SpareCore.Job> pending = new ArrayList<>();
    private int index = -1;

    /** Whether gathering ahead pays on the calling thread: it has another core to use. */
    static boolean availableHere() {
        return SpareCore.availableHere();
    }

    /** Starts gathering batch {@code index} in the background (after any gather in flight has finished). */
    void start(int index, List<Runnable> pieces) {
        settle();
        this.index = index;
        for (Runnable piece : pieces) pending.add(SpareCore.submitInBackground(piece));
    }

    /**
     * Waits for the gather in flight, if any, and reports whether it was batch {@code index}: then that batch's
     * buffer holds its rows. Either way nothing is in flight afterwards.
     */
    boolean take(int index) {
        boolean ready = !pending.isEmpty() && this.index == index;
        settle();
        return ready;
    }

    /** Waits for the gather in flight, if any, and forgets it: its buffer may be written again. */
    void settle() {
        index = -1;
        Throwable failure = null;
        try {
            for (SpareCore.Job piece : pending) {
                try {
                    piece.await();
                } catch (Throwable e) {
                    if (failure == null) failure = e; // wait for the other pieces all the same: they write the buffer
                }
            }
        } finally {
            pending.clear();
        }
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
        if (failure != null) throw new IllegalStateException(failure);
    }
}
