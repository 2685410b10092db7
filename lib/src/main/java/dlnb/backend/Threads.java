package dlnb.backend;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads each part of ND4J's CPU backend uses. Three pools compete for the cores: OpenMP (oneDNN's matrix
 * products and convolutions), ND4J's own pool (element-wise ops) and OpenBLAS (small matrix products). When more
 * than one spins at once they fight over the cores: on a 2-core machine the 784-50-50-10 MLP ran 3× slower with
 * every pool at 2 threads than with the {@link #tuned()} setting, which gives all cores to OpenMP only.
 * <p>
 * OpenMP's idle threads also spin for a while after each native op. The library's own two-thread passes (the batch
 * gather, the one-channel convolution, updates of large models) then share the second core with a spinning thread:
 * gathering a batch of 20,000 MNIST rows took 9.4-10.2 ms per step inside W1's loop, against 6.1-6.6 ms with
 * {@code OMP_WAIT_POLICY=PASSIVE} (LayerProfile W1_20000; the step 50.7-51.0 against 44.4-45.9 ms). libgomp reads
 * that variable when it loads, so the kernel, the tests and the benchmark set it in the JVM's environment.
 */
public record Threads(int openMp, int elementwise, int openBlas) {

    public Threads {
        if (openMp <= 0 || elementwise <= 0 || openBlas <= 0) {
            throw new IllegalArgumentException("thread counts must be positive, got " + openMp + ", " + elementwise + ", " + openBlas);
        }
    }

    /** The default: all cores for oneDNN's large products and convolutions, one thread for everything else. */
    public static Threads tuned() {
        return new Threads(cores(), 1, 1);
    }

    /** Every pool at {@code n} threads. */
    public static Threads all(int n) {
        return new Threads(n, n, n);
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The settings in force now (starts ND4J if needed). */
    public static Threads current() {
        Backend.init();
        return new Threads(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
                Nd4j.getEnvironment().maxMasterThreads(), Nd4j.factory().blas().getMaxThreads());
    }

    /**
     * Applies these settings to the running ND4J (starts it if needed). The OpenBLAS and element-wise counts hold
     * for the whole process; OpenMP keeps its count per thread, so this sets it for the calling thread (threads
     * that never call it use all cores, which is also the tuned choice).
     */
    public void apply() {
        Backend.init();
        if (!Nd4j.getEnvironment().isCPU()) return;
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(openMp);
        Nd4j.getEnvironment().setMaxMasterThreads(elementwise);
        Nd4j.factory().blas().setMaxThreads(openBlas);
    }

    /** Element-wise ops at least this long run faster on every OpenMP thread than on one (measured here). */
    static final long WIDE_ELEMENTS = 1 << 18;

    /**
     * Runs {@code op} with ND4J's element-wise pool widened to the OpenMP thread count when it works on at least
     * {@value #WIDE_ELEMENTS} elements (e.g. Adam on a 1.8M-parameter model: 3.5 ms on one thread, 1.8 ms on two),
     * then narrows it back. Smaller ops run as they are.
     */
    public static void wideFor(long elements, Runnable op) {
        var environment = Nd4j.getEnvironment();
        int narrow = environment.maxMasterThreads();
        int wide = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        if (elements < WIDE_ELEMENTS || wide <= narrow || !environment.isCPU()) {
            op.run();
            return;
        }
        environment.setMaxMasterThreads(wide);
        try {
            op.run();
        } finally {
            environment.setMaxMasterThreads(narrow);
        }
    }

    /**
     * How many threads a pass over {@code elements} values should split into: the calling thread's OpenMP count for
     * passes of at least {@value #WIDE_ELEMENTS} elements (memory-bound updates of large models), else 1. Parallel
     * training runs set it to 1 in each of their threads, so they do not fight over the cores.
     */
    public static int forElements(long elements) {
        if (elements < WIDE_ELEMENTS || !Nd4j.getEnvironment().isCPU()) return 1;
        return Math.max(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    }

    @Override
    public String toString() {
        return "OpenMP " + openMp + ", element-wise " + elementwise + ", OpenBLAS " + openBlas;
    }
}
