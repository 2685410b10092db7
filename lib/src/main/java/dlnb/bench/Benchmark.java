package dlnb.bench;

import dlnb.backend.Backend;
import dlnb.backend.Threads;
import dlnb.data.Mnist;

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
        Workload.Result r = w.run(mnist);
        System.out.printf(Locale.ROOT, "%s\t%.2f\t%,.0f\t%.4f\t%s\t%s\t%,.0f\t%d\t%.6f\t%d%n", w.name(), r.seconds(),
                r.imagesPerSecond(), r.testAccuracy(), Threads.current(), Backend.loadedNativeBuild(), peakResidentMiB(),
                r.flopsPerImage(), r.updateSecondsPerStep(), r.updateBytesPerStep());
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
