package dlnb.bench;

import dlnb.backend.Backend;
import dlnb.backend.Threads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.CopyOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * This machine's limits, measured through ND4J on all cores, the yardsticks of the benchmark's "% of this machine's
 * limit" column: the float32 matrix-product rate (a large square sgemm, oneDNN's where ND4J has it) and the memory
 * bandwidth (STREAM's copy c = a and triad c = a + s·b on float32 arrays far larger than any cache, counting every
 * float read or written once). Each is the best of a few repetitions: interference only ever slows a run down.
 */
public final class MachineLimits {
    static final int GEMM_SIZE = 4096;
    static final long STREAM_FLOATS = 1L << 26; // 256 MiB per array
    static final int REPEATS = 5;

    private MachineLimits() {
    }

    public record Limits(double sgemmGflops, double copyGBps, double triadGBps) {
        public double bandwidthGBps() {
            return Math.max(copyGBps, triadGBps);
        }
    }

    /** Prints one tab-separated line: sgemm GFLOP/s, copy GB/s, triad GB/s. */
    public static void main(String[] args) {
        Limits l = measure();
        System.out.printf(Locale.ROOT, "%.1f\t%.1f\t%.1f%n", l.sgemmGflops(), l.copyGBps(), l.triadGBps());
    }

    public static Limits measure() {
        Backend.init();
        Threads.all(Threads.cores()).apply();
        return new Limits(sgemmGflops(GEMM_SIZE), copyGBps(STREAM_FLOATS), triadGBps(STREAM_FLOATS));
    }

    /**
     * C = A·B for n×n float32 matrices (2n³ FLOPs), the faster of ND4J's two routes: its matmul op (oneDNN) and the
     * OpenBLAS it bundles (dlnb uses both, by size).
     */
    static double sgemmGflops(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n), b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, n, n);
        Mmul product = new Mmul(a, b, c, null);
        double flops = 2.0 * n * n * n;
        double oneDnn = best(() -> flops / seconds(() -> Nd4j.exec(product)) / 1e9);
        double openBlas = best(() -> flops / seconds(() -> Nd4j.getBlasWrapper().level3().gemm('c', 'n', 'n', 1.0, a, b, 0.0, c)) / 1e9);
        return Math.max(oneDnn, openBlas);
    }

    /** c = a: 8 bytes per element. */
    static double copyGBps(long floats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, floats), c = Nd4j.zeros(DataType.FLOAT, floats);
        CopyOp copy = new CopyOp(a, c, c);
        return best(() -> 8.0 * floats / seconds(() -> Nd4j.exec(copy)) / 1e9);
    }

    /** c = a + s·b: 12 bytes per element. */
    static double triadGBps(long floats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, floats), b = Nd4j.rand(DataType.FLOAT, floats);
        INDArray c = Nd4j.zeros(DataType.FLOAT, floats);
        Axpy triad = new Axpy(b, a, c, 3.0);
        return best(() -> 12.0 * floats / seconds(() -> Nd4j.exec(triad)) / 1e9);
    }

    private static double best(DoubleSupplier rate) {
        double best = 0;
        for (int i = 0; i < REPEATS + 1; i++) {
            double r = rate.getAsDouble();
            if (i > 0) best = Math.max(best, r); // the first run warms up (page faults, oneDNN's kernel choice)
        }
        return best;
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
