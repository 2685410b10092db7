package dlnb.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs every Vector API pass of this package on small private arrays, in a background thread, so that the JVM's
 * optimising compiler has compiled them before a model trains. Until it has, a Vector API loop runs with every
 * vector operation allocating an object and working lane by lane: a pass over one mini-batch then takes
 * milliseconds instead of microseconds, and the first epochs of a notebook's first model ran several times slower
 * than later ones. The compiler picks a method once it has been called a few thousand times, so many calls on tiny
 * arrays cost far less than the first calls on real batches. All passes are run in turn from one call site, so the
 * compiler compiles each on its own (a call site that saw only one kind would have it inlined into this loop, and
 * the training code would gain nothing). The arrays are built from fixed values: no random generator is touched.
 */
final class VectorWarmUp {
    /** Rounds over all passes; each pass is then past the compiler's thresholds (about 5,000 calls). */
    static final int ROUNDS = 6_000;

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
            List<Runnable> passes = passes();
            for (int r = 0; r < ROUNDS; r++) for (Runnable p : passes) p.run();
        } finally {
            DONE.countDown();
        }
    }

    /** One pass of each kind, on arrays with whole vectors and a tail, for every function. */
    private static List<Runnable> passes() {
        List<Runnable> passes = new ArrayList<>();
        int rows = 5, cols = 2 * VectorKernels.S.length() + 3;
        for (Pointwise f : Pointwise.values()) {
            INDArray z = filled(rows, cols, 0.5f), a = filled(rows, cols, 0.25f), g = filled(rows, cols, 1f);
            INDArray b = filled(1, cols, 0.1f), out = filled(rows, cols, 0f);
            Kernel bias = VectorKernels.biasApply(f, z, b), apply = VectorKernels.apply(f, z), grad = VectorKernels.gradient(f, a, g, out);
            passes.add(bias::run);
            passes.add(apply::run);   // repeated, each function settles on a fixed point: the values stay finite
            passes.add(grad::run);
        }
        INDArray scores = filled(rows, 10, 0.3f);
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
        int n = cols * rows;
        INDArray params = filled(1, n, 0.1f), grads = filled(1, n, 0.01f);
        List<UpdatePass> updates = List.of(
                VectorUpdates.adam(params, grads, filled(1, n, 0f), filled(1, n, 0f), 0.9, 0.999, 1e-7),
                VectorUpdates.rmsProp(params, grads, filled(1, n, 0f), 0.9, 1e-7),
                VectorUpdates.momentum(params, grads, filled(1, n, 0f), 0.9, false),
                VectorUpdates.momentum(params, grads, filled(1, n, 0f), 0.9, true));
        for (UpdatePass u : updates) passes.add(() -> u.run(0.0, 1, 1));   // rate 0: the parameters stay finite
        addConvolution(passes);
        addPooling(passes);
        return passes;
    }

    /**
     * The one-channel convolution on two images a vector and a bit wide, with ReLU and with the identity, and fused
     * with the 2×2 pooling after it.
     */
    private static void addConvolution(List<Runnable> passes) {
        int side = VectorKernels.S.length() + 4, k = 3, filters = 2, out = side - k + 1;
        INDArray x = Nd4j.valueArrayOf(new long[]{2, 1, side, side}, 0.5f, DataType.FLOAT);
        INDArray w = Nd4j.valueArrayOf(new long[]{k, k, 1, filters}, 0.1f, DataType.FLOAT), b = Nd4j.zeros(DataType.FLOAT, filters);
        INDArray da = Nd4j.valueArrayOf(new long[]{2, filters, out, out}, 0.01f, DataType.FLOAT);
        for (Pointwise f : List.of(Pointwise.RELU, Pointwise.IDENTITY)) {
            INDArray a = Nd4j.createUninitialized(DataType.FLOAT, 2, filters, out, out);
            SingleChannelConv conv = new SingleChannelConv(2, side, side, w, b, f, a, Nd4j.zerosLike(w), Nd4j.zerosLike(b));
            passes.add(() -> conv.forward(x));
            passes.add(() -> conv.backwardFromOutputGradient(x, da));
            passes.add(() -> conv.backward(x, da));
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, filters, out / 2, out / 2), dy = Nd4j.valueArrayOf(y.shape(), 0.01f, DataType.FLOAT);
        SingleChannelConvPool fused = new SingleChannelConvPool(2, side, side, w, b, y, Nd4j.zerosLike(w), Nd4j.zerosLike(b));
        passes.add(() -> fused.forward(x));
        passes.add(() -> fused.backward(x, dy));
    }

    /** 2×2 max pooling over one map a vector and a bit wide and one narrower (odd, as W3's 11 × 11), both ways. */
    private static void addPooling(List<Runnable> passes) {
        int side = VectorKernels.S.length() + 2;
        INDArray x = Nd4j.valueArrayOf(new long[]{1, 1, side, side}, 0.5f, DataType.FLOAT), dx = Nd4j.zerosLike(x);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 1, 1, side / 2, side / 2), dy = Nd4j.valueArrayOf(y.shape(), 0.1f, DataType.FLOAT);
        MaxPool2x2 pool = new MaxPool2x2(1, side, side);
        passes.add(() -> pool.forward(x, y));
        passes.add(() -> pool.backward(x, y, dy, dx));
        int narrow = Math.max(3, VectorKernels.S.length() - 5);
        INDArray nx = Nd4j.valueArrayOf(new long[]{1, 1, narrow, narrow}, 0.5f, DataType.FLOAT), ndx = Nd4j.zerosLike(nx);
        INDArray ny = Nd4j.zeros(DataType.FLOAT, 1, 1, narrow / 2, narrow / 2), ndy = Nd4j.valueArrayOf(ny.shape(), 0.1f, DataType.FLOAT);
        NarrowMaxPool2x2 narrowPool = new NarrowMaxPool2x2(1, narrow, narrow);
        passes.add(() -> narrowPool.forward(nx, ny));
        passes.add(() -> narrowPool.backward(nx, ny, ndy, ndx));
    }

    private static INDArray filled(int rows, int cols, float value) {
        return Nd4j.valueArrayOf(new long[]{rows, cols}, value, DataType.FLOAT);
    }
}
