package dlnb.reliability;

import dlnb.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random bad input to fit, evaluate, predict, load, loadWeights and the IDX reader (see {@link BadInputFuzz}), in a JVM
 * of its own so that a native crash fails this test instead of ending the test run. The seed is fixed so a failure
 * repeats; {@code -Ddlnb.fuzz.seed=N} tries another, {@code -Ddlnb.fuzz.seconds=S} runs longer.
 */
class BadInputFuzzTest {
    @Test
    void everyCallWorksOrThrowsADocumentedException() throws Exception {
        String seed = System.getProperty("dlnb.fuzz.seed", "20261201");
        String seconds = System.getProperty("dlnb.fuzz.seconds", "15");
        ForkedJvm.Result r = ForkedJvm.run(BadInputFuzz.class, Duration.ofSeconds(Long.parseLong(seconds) + 120), List.of("-Xmx1g"),
                seed, seconds);
        System.out.println(r.output().lines().filter(l -> l.startsWith("seed ")).findFirst().orElse(""));
        assertFalse(r.crashed(), r.describe());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.output().contains("ALL DOCUMENTED"), r.describe());
    }
}
