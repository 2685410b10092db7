package dlnb.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a pass over [0, n) into equal chunks run at once, the calling thread taking the first: for passes over
 * millions of parameters, whose speed is memory bandwidth, which one core cannot use up. Small passes run whole on
 * the calling thread.
 */
final class Chunks {
    /** A body that handles elements from (inclusive) to (exclusive). */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dlnb-chunks");
        t.setDaemon(true);
        return t;
    });

    /** Passes over at least this many elements split over the calling thread's OpenMP count (measured: 2^18). */
    static final int WIDE = 1 << 18;

    private Chunks() {
    }

    /** How many threads a pass over n elements gets: ND4J's OpenMP count for this thread when n is large, else 1. */
    static int threadsFor(long n) {
        if (n < WIDE) return 1;
        return Math.max(1, org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    }

    /** A body that handles items from (inclusive) to (exclusive) as part number {@code part} of the split. */
    @FunctionalInterface
    interface Part {
        void run(int part, int from, int to);
    }

    /**
     * Runs body over [0, n) in at most {@code parts} near-equal parts at once (part 0 on the calling thread), for
     * passes whose items are large (an image each): returns how many parts ran, so a caller with a result per part
     * knows how many to combine.
     */
    static int parts(int n, int parts, Part body) {
        int count = Math.max(1, Math.min(parts, n));
        List<Future<?>> others = new ArrayList<>();
        for (int c = 1; c < count; c++) {
            int part = c, from = (int) ((long) n * c / count), to = (int) ((long) n * (c + 1) / count);
            others.add(POOL.submit(() -> body.run(part, from, to)));
        }
        body.run(0, 0, n / count);
        await(others);
        return count;
    }

    /** Runs body over [0, n) in {@code threads} chunks (at least a vector's worth of whole vectors each). */
    static void run(int n, int threads, int align, Range body) {
        int chunks = Math.max(1, Math.min(threads, n / (align * 1024)));
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        int step = (n / chunks + align - 1) / align * align;
        List<Future<?>> others = new ArrayList<>();
        for (int c = 1; c < chunks; c++) {
            int from = c * step, to = c == chunks - 1 ? n : Math.min(n, from + step);
            if (from < to) others.add(POOL.submit(() -> body.run(from, to)));
        }
        body.run(0, Math.min(n, step));
        await(others);
    }

    private static void await(List<Future<?>> others) {
        try {
            for (Future<?> f : others) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a pass", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a chunk of a pass failed: " + e.getCause(), e.getCause());
        }
    }
}
