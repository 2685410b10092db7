package dlnb.bench;

import dlnb.backend.Backend;
import dlnb.backend.Threads;
import dlnb.data.Mnist;
import dlnb.ops.Simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs one workload and prints one tab-separated line: workload, seconds, images/s, test accuracy, threads, native
 * build, peak resident memory (MiB), FLOPs per training image ({@link FlopCount}), the optimizer step's mean seconds
 * and the bytes it must move ({@link UpdateTraffic}). environment/bench.sh runs each workload in its own JVM (so the peak memory is
 * that workload's) and assembles the lines into a Markdown table.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--describe")) {
            Workload w = Workload.parse(args[1]);
            System.out.println(w.description() + "|" + w.target());
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: Benchmark <W1_500|W1_20000|W2_50|W2_1000|W3>");
            System.exit(2);
        }
        Workload w = Workload.parse(args[0]);
        Mnist mnist = Mnist.load();
        String threads = System.getProperty("dlnb.threads");
        if (threads != null) Threads.all(Integer.parseInt(threads)).apply();
        awaitVectorWarmUp();
        Workload.Result r = w.run(mnist);
        System.out.printf(Locale.ROOT, "%s\t%.2f\t%,.0f\t%.4f\t%s\t%s\t%,.0f\t%d\t%.6f\t%d%n", w.name(), r.seconds(),
                r.imagesPerSecond(), r.testAccuracy(), Threads.current(), Backend.loadedNativeBuild(), peakResidentMiB(),
                r.flopsPerImage(), r.updateSecondsPerStep(), r.updateBytesPerStep());
    }

    /**
     * Lets the background compilation of the Vector API passes (started by Backend.init, about 1 s on 2 cores) end
     * before the clock starts, as a notebook's kernel has by its first training cell: the table then shows training
     * speed, not the JVM's start-up, and the peers' scripts likewise time training only.
     */
    private static void awaitVectorWarmUp() {
        try {
            Simd.awaitWarmUp(60);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process's peak resident set size (VmHWM), in MiB; NaN where /proc is not available. */
    static double peakResidentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return Double.NaN;
    }
}
