package dlnb.check;

import dlnb.backend.Gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Checks of two small pieces of notebook 02: the rule deciding whether ND4J 1.0.0-M2.1's CUDA build can run on a
 * GPU of a given compute capability, against the library's {@link Gpu#supportedByNd4j()} (the only place these checks
 * touch the library), and the training throughput in images per second from measured epoch times, against the
 * formula of notebook 02 (the first epoch is left out; the rest is total images over total time).
 * <pre>{@code
 * GpuChecks.cudaSupport((major, minor) -> cudaBuildRuns(major, minor));
 * }</pre>
 */
public final class GpuChecks {
    private GpuChecks() {
    }

    /** grade_id "cuda_support": the notebook's four GPUs 1 point, every capability NVIDIA has shipped 1 point. */
    public static void cudaSupport(BiPredicate<Integer, Integer> student) {
        new Exercise("cuda_support")
                .add(capabilityCheck("cuda support: the GPUs of notebook 02", NOTEBOOK_GPUS, student))
                .add(capabilityCheck("cuda support: every compute capability from 2.0 to 12.0", ALL_GPUS, student))
                .run();
    }

    /** A GPU family: its compute capability as major.minor, and an example. */
    record Capability(int major, int minor, String example) {
        double value() {
            return major + minor / 10.0;
        }

        String label() {
            return "compute capability " + major + "." + minor + " (" + example + ")";
        }
    }

    static final List<Capability> NOTEBOOK_GPUS = List.of(
            new Capability(3, 7, "Tesla K80"), new Capability(5, 2, "GeForce GTX 980 Ti"),
            new Capability(8, 9, "GeForce RTX 4090"), new Capability(9, 0, "H100"));

    static final List<Capability> ALL_GPUS = List.of(
            new Capability(2, 0, "Fermi, GTX 480"), new Capability(2, 1, "Fermi, GTX 460"),
            new Capability(3, 0, "Kepler, GTX 680"), new Capability(3, 2, "Kepler, Tegra K1"),
            new Capability(3, 5, "Kepler, Tesla K40"), new Capability(3, 7, "Kepler, Tesla K80"),
            new Capability(5, 0, "Maxwell, GTX 750 Ti"), new Capability(5, 2, "Maxwell, GTX 980"),
            new Capability(5, 3, "Maxwell, Jetson Nano"), new Capability(6, 0, "Pascal, Tesla P100"),
            new Capability(6, 1, "Pascal, GTX 1080"), new Capability(6, 2, "Pascal, Jetson TX2"),
            new Capability(7, 0, "Volta, Tesla V100"), new Capability(7, 2, "Volta, Jetson Xavier"),
            new Capability(7, 5, "Turing, RTX 2080"), new Capability(8, 0, "Ampere, A100"),
            new Capability(8, 6, "Ampere, RTX 3090"), new Capability(8, 7, "Ampere, Jetson Orin"),
            new Capability(8, 9, "Ada, RTX 4090 or L4"), new Capability(9, 0, "Hopper, H100"),
            new Capability(10, 0, "Blackwell, B200"), new Capability(12, 0, "Blackwell, RTX 5090"));

    /** The capabilities ND4J 1.0.0-M2.1's CUDA build carries machine code for (as notebook 02 says). */
    static final List<Capability> SHIPPED = List.of(
            new Capability(3, 7, ""), new Capability(5, 0, ""), new Capability(5, 2, ""), new Capability(6, 0, ""),
            new Capability(6, 1, ""), new Capability(7, 0, ""), new Capability(7, 5, ""), new Capability(8, 0, ""),
            new Capability(8, 6, ""));

    static boolean reference(Capability c) {
        return new Gpu(c.example(), c.value()).supportedByNd4j();
    }

    private static Check capabilityCheck(String name, List<Capability> gpus, BiPredicate<Integer, Integer> student) {
        Check check = new Check(name, 1);
        for (Capability c : gpus) {
            boolean expected = reference(c);
            check.input(new Case<>(c.label(), () -> student.test(c.major(), c.minor()),
                    result -> result == expected ? null : explain(c, expected)));
        }
        return check;
    }

    private static String explain(Capability c, boolean expected) {
        String cc = c.major() + "." + c.minor();
        if (expected) {
            Capability built = SHIPPED.stream().filter(s -> s.major() == c.major() && s.minor() <= c.minor())
                    .reduce((a, b) -> b).orElseThrow();
            String from = built.major() + "." + built.minor();
            return "your rule said no, but it runs: the build carries machine code for " + from
                    + (from.equals(cc) ? " itself" : ", and code for " + from + " runs on any GPU of the same major version "
                    + c.major() + " with a minor version of " + built.minor() + " or more");
        }
        boolean newer = c.major() > 8;
        return "your rule said yes, but it cannot run: " + (newer
                ? "the build has no machine code for major version " + c.major() + " and no PTX that the driver could compile "
                + "for it, so its first kernel fails with CUDA_ERROR_NO_BINARY_FOR_GPU"
                : "machine code only runs on GPUs of its own major version with an equal or higher minor version, and the "
                + "build's code for major version " + c.major() + (c.major() == 3 ? " is for 3.7" : " does not exist")
                + " (nor is there PTX to compile)");
    }

    // ---- throughput ----

    @FunctionalInterface
    public interface Throughput {
        double imagesPerSecond(int imagesPerEpoch, double[] epochSeconds);
    }

    /** grade_id "throughput": two epochs 1 point, other runs 1 point. */
    public static void throughput(Throughput student) {
        new Exercise("throughput")
                .add(throughputCheck("throughput: two epochs, as notebook 02 measures", List.of(
                        new Timing("20,000 images, two epochs", 20_000, new double[]{3.2, 2.5})), student))
                .add(throughputCheck("throughput: other runs", List.of(
                        new Timing("60,000 images, four epochs of uneven speed", 60_000, new double[]{12, 4, 2, 6}),
                        new Timing("4,000 images, a single epoch", 4_000, new double[]{0.8}),
                        new Timing("100 images, three very short epochs", 100, new double[]{0.004, 0.001, 0.0015}),
                        new Timing("1 image, two epochs", 1, new double[]{0.5, 0.25})), student))
                .run();
    }

    record Timing(String what, int images, double[] seconds) {
        String label() {
            return what + " taking " + Arrays.stream(seconds).mapToObj(Numbers::show).toList() + " s";
        }
    }

    /** Notebook 02's throughput: images of every epoch but the first, over their seconds; a lone epoch counts itself. */
    static double reference(Timing t) {
        double[] s = t.seconds();
        if (s.length == 1) return t.images() / s[0];
        return (double) t.images() * (s.length - 1) / Arrays.stream(s).skip(1).sum();
    }

    private static Check throughputCheck(String name, List<Timing> timings, Throughput student) {
        Check check = new Check(name, 1);
        for (Timing t : timings) {
            double expected = reference(t);
            check.input(new Case<>(t.label(), () -> student.imagesPerSecond(t.images(), t.seconds().clone()),
                    result -> Compare.scalars("images per second", expected, result, throughputMistakes(t))));
        }
        return check;
    }

    private static List<Mistake> throughputMistakes(Timing t) {
        double[] s = t.seconds();
        int n = s.length;
        double all = Arrays.stream(s).sum();
        List<Mistake> m = new ArrayList<>();
        if (n > 1) {
            m.add(Mistake.of("the first epoch is included; it carries one-off start-up work, so leave it out", t.images() * n / all));
            double meanOfRates = Arrays.stream(s).skip(1).map(x -> t.images() / x).average().orElse(0);
            m.add(Mistake.of("that is the mean of each epoch's images per second; take the total images over the total time "
                    + "instead (a mean of rates over-weights the fast epochs)", meanOfRates));
            m.add(Mistake.of("that is the last epoch alone; use every epoch after the first", t.images() / s[n - 1]));
            m.add(Mistake.of("that is one epoch's images over the time of all the epochs after the first: count the images "
                    + "of each of those epochs", t.images() / Arrays.stream(s).skip(1).sum()));
        } else {
            String lone = "with a single epoch there is nothing to leave out: use that epoch";
            m.add(Mistake.of(lone, Double.NaN));
            m.add(Mistake.of(lone, 0));
        }
        m.add(Mistake.of("that is seconds per image; images per second is its inverse", 1 / reference(t)));
        return m;
    }
}
