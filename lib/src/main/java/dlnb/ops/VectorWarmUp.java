package dlnb.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs every Vector API pass of this package on private arrays, in a background thread, so that the JVM's
 * optimising compiler has compiled them before a model trains (and makes ND4J's first matrix product, which sets up
 * oneDNN). Until it has, a Vector API loop runs with every vector operation allocating an object and working lane
 * by lane: a pass over one mini-batch then takes milliseconds instead of microseconds, and the first epochs of a
 * notebook's first model ran several times slower than later ones. The compiler picks a method once it has been
 * called a few thousand times, so many calls on tiny arrays cost far less than the first calls on real batches.
 * All passes are run in turn from one call site, so the compiler compiles each on its own (a call site that saw only
 * one kind would have it inlined into this loop, and the training code would gain nothing). The compiler also
 * compiles only the branches a pass has taken so far, so the passes run both on small arrays and, now and then, on
 * arrays large enough to split over the cores ({@link #widePasses}). The arrays are built from fixed values: no
 * random generator is touched.
 */
final class VectorWarmUp {
    /** Rounds over all passes; each pass is then past the compiler's thresholds (about 5,000 calls). */
    static final int ROUNDS = 6_000;
    /**
     * Rounds from which the passes also run on arrays of at least {@link Chunks#WIDE} elements, one round in
     * {@link #WIDE_EVERY}, once the small ones have compiled them (before that a pass over a million elements takes
     * tenths of a second).
     */
    private static final int WIDE_FROM = ROUNDS / 6, WIDE_EVERY = 100;
    /** Row lengths: whole vectors and a tail; the sides of the convolution's and the pooling passes' maps. */
    private static final int COLUMNS = 2 * VectorKernels.S.length() + 3, CONV_SIDE = VectorKernels.S.length() + 4,
            POOL_SIDE = VectorKernels.S.length() + 2, NARROW_SIDE = Math.max(3, VectorKernels.S.length() - 5);

    private static final CountDownLatch DONE = new CountDownLatch(1);
    private static Thread thread;

    private VectorWarmUp() {
    }

    static synchronized void start() {
        if (thread != null) return;
        thread = new Thread(VectorWarmUp::run, "dlnb-vector-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Waits for the warm-up to finish (at most {@code seconds}); true if it has. */
    static boolean await(double seconds) throws InterruptedException {
        return DONE.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    private static void run() {
        try {
            startMatmul();
            List<Runnable> small = passes(), wide = widePasses();
            for (int r = 0; r < ROUNDS; r++) {
                for (Runnable p : small) p.run();
                if (r >= WIDE_FROM && r % WIDE_EVERY == 0) for (Runnable p : wide) p.run();
            }
        } finally {
            DONE.countDown();
        }
    }

    /**
     * One product through ND4J's matmul: its first call in a process sets up oneDNN, 50-60 ms (measured), which the
     * first training step would otherwise spend. CPU only (on a GPU this thread would start a device context).
     */
    private static void startMatmul() {
        if (!Nd4j.getEnvironment().isCPU()) return;
        int m = 64, k = 256, n = (int) (Blas.LARGE_GEMM_FLOPS / (2.0 * m * k) + 1);
        Blas.gemm(filled(m, k, 0.5f), false, filled(k, n, 0.5f), false, filled(m, n, 0f), 1, 0);
    }

    /**
     * Every pass on small arrays: the element-wise ones on two shapes, one ending in a partial vector and one in
     * whole vectors whose bias pattern wraps around, as real batches do one or the other.
     */
    private static List<Runnable> passes() {
        List<Runnable> passes = new ArrayList<>();
        addElementWise(passes, 5, COLUMNS);
        addElementWise(passes, VectorKernels.S.length() + 1, 2 * VectorKernels.S.length());
        INDArray scores = filled(5, 10, 0.3f);
        Kernel softmax = VectorKernels.softmaxRows(scores);
        passes.add(softmax::run);
        int lossRows = VectorKernels.S.length() + 3;   // a whole block of rows, and a padded one
        INDArray lossScores = filled(lossRows, 10, 0.3f), p = filled(lossRows, 10, 0.1f);
        INDArray y = filled(lossRows, 10, 0f), lossGrad = filled(lossRows, 10, 0f);
        y.putScalar(0, 1f);
        for (LossPass loss : List.of(VectorLosses.softmaxCrossEntropy(lossScores, y, lossGrad),
                VectorLosses.categoricalCrossEntropy(p, y, lossGrad, 1e-7f), VectorLosses.binaryCrossEntropy(p, y, lossGrad, 1e-7f))) {
            passes.add(() -> loss.run(1.0));
        }
        addUpdates(passes, 5 * COLUMNS);
        addUpdates(passes, 4 * VectorKernels.S.length());
        addConvolution(passes, 2, 2);
        addPooling(passes, 1, 1);
        addGather(passes, 8, COLUMNS);
        return passes;
    }

    /**
     * Every pass that splits over the cores, on arrays large enough that it does (as W1's batches of 20,000 rows
     * are): without these, the compiler had never seen a second chunk, a chunk ending on a whole vector, a bias pattern
     * starting mid-way or a second part's lane sums, compiled them as never happening, and threw the passes back to
     * the interpreter on the first large batch ("unstable_if" traps in -XX:+LogCompilation's log): W1 at batch 20,000
     * then ran its second to fortieth steps at 35-60 ms instead of 27.
     */
    private static List<Runnable> widePasses() {
        List<Runnable> passes = new ArrayList<>();
        int rows = Chunks.WIDE / COLUMNS + 1;   // the last chunk ends in a tail
        addElementWise(passes, rows, COLUMNS);
        addUpdates(passes, rows * COLUMNS);
        int filters = 8;
        addConvolution(passes, Chunks.WIDE / (filters * (CONV_SIDE - 2) * (CONV_SIDE - 2)) + 1, filters);
        addPooling(passes, Chunks.WIDE / (POOL_SIDE * POOL_SIDE) + 1, Chunks.WIDE / (NARROW_SIDE * NARROW_SIDE) + 1);
        addGather(passes, (int) (Rows.SPLIT_FLOATS / COLUMNS) + 1, COLUMNS);
        return passes;
    }

    /** Bias and activation, activation alone, and the derivative, for every function, on [rows, cols]. */
    private static void addElementWise(List<Runnable> passes, int rows, int cols) {
        for (Pointwise f : Pointwise.values()) {
            INDArray z = filled(rows, cols, 0.5f), a = filled(rows, cols, 0.25f), g = filled(rows, cols, 1f);
            INDArray b = filled(1, cols, 0.1f), out = filled(rows, cols, 0f);
            Kernel bias = VectorKernels.biasApply(f, z, b), apply = VectorKernels.apply(f, z), grad = VectorKernels.gradient(f, a, g, out);
            passes.add(bias::run);
            passes.add(apply::run);   // repeated, each function settles on a fixed point: the values stay finite
            passes.add(grad::run);
        }
    }

    /** Every optimizer's step over n parameters, on as many threads as the library gives n. */
    private static void addUpdates(List<Runnable> passes, int n) {
        INDArray params = filled(1, n, 0.1f), grads = filled(1, n, 0.01f);
        List<UpdatePass> updates = List.of(
                VectorUpdates.adam(params, grads, filled(1, n, 0f), filled(1, n, 0f), 0.9, 0.999, 1e-7),
                VectorUpdates.rmsProp(params, grads, filled(1, n, 0f), 0.9, 1e-7),
                VectorUpdates.momentum(params, grads, filled(1, n, 0f), 0.9, false),
                VectorUpdates.momentum(params, grads, filled(1, n, 0f), 0.9, true));
        int threads = Chunks.threadsFor(n);
        for (UpdatePass u : updates) passes.add(() -> u.run(0.0, 1, threads));   // rate 0: the parameters stay finite
    }

    /** A mini-batch gather of {@code rows} rows, in reverse order, from a set twice as long. */
    private static void addGather(List<Runnable> passes, int rows, int cols) {
        Rows gather = Rows.gatherer(filled(2 * rows, cols, 0.5f), filled(rows, cols, 0f));
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = 2 * (rows - 1 - i);
        passes.add(() -> gather.gather(order));
    }

    /**
     * The one-channel convolution on {@code images} images a vector and a bit wide, with ReLU and with the identity,
     * and fused with the 2×2 pooling after it.
     */
    private static void addConvolution(List<Runnable> passes, int images, int filters) {
        int side = CONV_SIDE, k = 3, out = side - k + 1;
        INDArray x = Nd4j.valueArrayOf(new long[]{images, 1, side, side}, 0.5f, DataType.FLOAT);
        INDArray w = Nd4j.valueArrayOf(new long[]{k, k, 1, filters}, 0.1f, DataType.FLOAT), b = Nd4j.zeros(DataType.FLOAT, filters);
        INDArray da = Nd4j.valueArrayOf(new long[]{images, filters, out, out}, 0.01f, DataType.FLOAT);
        for (Pointwise f : List.of(Pointwise.RELU, Pointwise.IDENTITY)) {
            INDArray a = Nd4j.createUninitialized(DataType.FLOAT, images, filters, out, out);
            SingleChannelConv conv = new SingleChannelConv(images, side, side, w, b, f, a, Nd4j.zerosLike(w), Nd4j.zerosLike(b));
            passes.add(() -> conv.forward(x));
            passes.add(() -> conv.backwardFromOutputGradient(x, da));
            passes.add(() -> conv.backward(x, da));
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, images, filters, out / 2, out / 2), dy = Nd4j.valueArrayOf(y.shape(), 0.01f, DataType.FLOAT);
        SingleChannelConvPool fused = new SingleChannelConvPool(images, side, side, w, b, y, Nd4j.zerosLike(w), Nd4j.zerosLike(b));
        passes.add(() -> fused.forward(x));
        passes.add(() -> fused.backward(x, dy));
    }

    /**
     * 2×2 max pooling over {@code maps} maps a vector and a bit wide and {@code narrowMaps} narrower ones (odd, as
     * W3's 11 × 11), both ways.
     */
    private static void addPooling(List<Runnable> passes, int maps, int narrowMaps) {
        int side = POOL_SIDE;
        INDArray x = Nd4j.valueArrayOf(new long[]{maps, 1, side, side}, 0.5f, DataType.FLOAT), dx = Nd4j.zerosLike(x);
        INDArray y = Nd4j.zeros(DataType.FLOAT, maps, 1, side / 2, side / 2), dy = Nd4j.valueArrayOf(y.shape(), 0.1f, DataType.FLOAT);
        MaxPool2x2 pool = new MaxPool2x2(maps, side, side);
        passes.add(() -> pool.forward(x, y));
        passes.add(() -> pool.backward(x, y, dy, dx));
        int narrow = NARROW_SIDE;
        INDArray nx = Nd4j.valueArrayOf(new long[]{narrowMaps, 1, narrow, narrow}, 0.5f, DataType.FLOAT), ndx = Nd4j.zerosLike(nx);
        INDArray ny = Nd4j.zeros(DataType.FLOAT, narrowMaps, 1, narrow / 2, narrow / 2), ndy = Nd4j.valueArrayOf(ny.shape(), 0.1f, DataType.FLOAT);
        NarrowMaxPool2x2 narrowPool = new NarrowMaxPool2x2(narrowMaps, narrow, narrow);
        passes.add(() -> narrowPool.forward(nx, ny));
        passes.add(() -> narrowPool.backward(nx, ny, ndy, ndx));
    }

    private static INDArray filled(int rows, int cols, float value) {
        return Nd4j.valueArrayOf(new long[]{rows, cols}, value, DataType.FLOAT);
    }
}
