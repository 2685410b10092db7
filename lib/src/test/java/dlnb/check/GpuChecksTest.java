package dlnb.check;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class GpuChecksTest {
    /** Machine code for X.y runs on X.z with z >= y; the build has no PTX. */
    static boolean runs(int major, int minor) {
        return GpuChecks.SHIPPED.stream().anyMatch(c -> c.major() == major && c.minor() <= minor);
    }

    static double throughput(int images, double[] seconds) {
        if (seconds.length == 1) return images / seconds[0];
        return images * (seconds.length - 1) / Arrays.stream(seconds).skip(1).sum();
    }

    @Test
    void theLibrarysRangeIsTheBinaryCompatibilityRule() {
        for (GpuChecks.Capability c : GpuChecks.ALL_GPUS) assertEquals(runs(c.major(), c.minor()), GpuChecks.reference(c), c.label());
    }

    @Test
    void rightSolutionsEarnEveryPoint() {
        assertEquals("2/2", Captured.run(() -> GpuChecks.cudaSupport(GpuChecksTest::runs)).points());
        assertEquals("2/2", Captured.run(() -> GpuChecks.cudaSupport((major, minor) -> major * 10 + minor >= 37 && major * 10 + minor <= 89)).points());
        assertEquals("2/2", Captured.run(() -> GpuChecks.throughput(GpuChecksTest::throughput)).points());
    }

    @Test
    void wrongRulesAreExplained() {
        Captured c = Captured.run(() -> GpuChecks.cudaSupport((major, minor) -> major >= 3));
        assertEquals("0/2", c.points());
        assertTrue(c.err().contains("on compute capability 9.0 (H100): your rule said yes, but it cannot run: the build has no "
                + "machine code for major version 9"), c.err());
        Captured exact = Captured.run(() -> GpuChecks.cudaSupport((major, minor) -> GpuChecks.SHIPPED.stream()
                .anyMatch(s -> s.major() == major && s.minor() == minor)));
        assertEquals("0/2", exact.points());
        assertTrue(exact.err().contains("on compute capability 8.9 (GeForce RTX 4090): your rule said no, but it runs: "
                + "the build carries machine code for 8.6, and code for 8.6 runs on any GPU of the same major version 8 "
                + "with a minor version of 6 or more"), exact.err());
        assertTrue(exact.err().contains("on compute capability 5.3 (Maxwell, Jetson Nano): your rule said no"), exact.err());
    }

    @Test
    void throughputMistakesAreExplained() {
        Captured first = Captured.run(() -> GpuChecks.throughput((images, s) -> images * s.length / Arrays.stream(s).sum()));
        assertEquals("0/2", first.points());
        assertTrue(first.err().contains("the first epoch is included"), first.err());
        Captured mean = Captured.run(() -> GpuChecks.throughput((images, s) -> s.length == 1 ? images / s[0]
                : Arrays.stream(s).skip(1).map(x -> images / x).average().orElseThrow()));
        assertEquals("1/2", mean.points());
        assertTrue(mean.err().contains("that is the mean of each epoch's images per second"), mean.err());
    }
}
