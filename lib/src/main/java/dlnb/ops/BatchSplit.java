package dlnb.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.function.IntConsumer;

/**
 * A batch cut into consecutive parts, one per core, and a way to run a native op on every part at once, each in
 * its own thread with OpenMP narrowed to one thread there, instead of one call over the whole batch on all cores.
 * <p>
 * Each call into ND4J's oneDNN convolutions carries work that does not shrink with the batch: it sets the primitive
 * up and converts the weights (and the activations) to oneDNN's layouts, and OpenMP forks and joins its threads.
 * Run side by side on halves of the batch, that work overlaps. In W3's training step (batch 64, 2 cores,
 * {@code LayerProfile W3 600}, three pairs of runs, forward/backward in ms), halves against one call:
 * <pre>
 * conv2 (32→64 channels, 13×13)   1.36/2.61, 1.67/3.35, 1.49/2.53   against 1.52/3.00, 1.65/3.43, 1.65/3.38
 * conv3 (64→64 channels, 5×5)     0.31/0.68, 0.37/0.87, 0.31/0.64   against 0.54/1.16, 0.59/1.23, 0.57/1.20
 * whole step                      6.88, 8.65, 7.96                  against 7.95, 8.85, 8.72
 * </pre>
 */
public final class BatchSplit {
    /** Parts smaller than this many examples are not worth a thread. */
    static final int MIN_PART = 8;
    private final long[] starts;

    private BatchSplit(long batch, int parts) {
        starts = new long[parts + 1];
        for (int k = 0; k <= parts; k++) starts[k] = batch * k / parts;
    }

    /** The split of a batch for the calling thread: one part per OpenMP thread on the CPU, parts of at least {@value #MIN_PART}. */
    public static BatchSplit of(long batch) {
        int threads = Nd4j.getEnvironment().isCPU() ? ompThreads() : 1;
        return new BatchSplit(batch, parts(batch, threads));
    }

    /** How many parts a batch takes on {@code threads} threads. */
    static int parts(long batch, int threads) {
        return (int) Math.max(1, Math.min(threads, batch / MIN_PART));
    }

    public int count() {
        return starts.length - 1;
    }

    /** The rows of part k of {@code a} (along its first axis); the array itself when there is one part. */
    public INDArray part(INDArray a, int k) {
        return count() == 1 ? a : a.get(NDArrayIndex.interval(starts[k], starts[k + 1]));
    }

    /** Views of each part of one array, made again only when the array changes (layers pass the same buffers step after step). */
    public final class Views {
        private INDArray source;
        private final INDArray[] parts = new INDArray[count()];

        public INDArray[] of(INDArray a) {
            if (a != source) {
                for (int k = 0; k < parts.length; k++) parts[k] = part(a, k);
                source = a;
            }
            return parts;
        }
    }

    public Views views() {
        return new Views();
    }

    /**
     * Runs body(k) for every part k, at once when this thread has a core for each (part 0 on the calling thread),
     * otherwise one after another (e.g. in a thread of parallel training runs, which keep to one core each).
     */
    public void run(IntConsumer body) {
        int parts = count();
        if (parts == 1 || ompThreads() < parts) {
            for (int k = 0; k < parts; k++) body.accept(k);
            return;
        }
        Chunks.parts(parts, parts, (k, from, to) -> {
            NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            int before = ops.ompGetMaxThreads();
            ops.setOmpNumThreads(1);
            try {
                body.accept(k);
            } finally {
                ops.setOmpNumThreads(before);
            }
        });
    }

    private static int ompThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
