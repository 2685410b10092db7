package dlnb.ops;

import dlnb.testing.ForkedJvm;
import dlnb.testing.TrainBriefly;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without jdk.incubator.vector (a kernel started without the flag) every fused pass falls back to ND4J operations:
 * training must give the same numbers, up to float rounding, as with it.
 */
class WithoutTheVectorApiTest {
    @Test
    void trainingGivesTheSameNumbersWithoutTheModule() throws Exception {
        assertTrue(Simd.enabled(), "this JVM has the module (see the surefire argLine)");
        List<double[]> withModule = TrainBriefly.histories();
        ForkedJvm.Result result = ForkedJvm.run(TrainBriefly.class, Duration.ofMinutes(3),
                List.of("-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=4G"));
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.output().contains("vector API false"), result.describe());
        List<double[]> without = result.output().lines().filter(l -> l.startsWith("values "))
                .map(l -> Arrays.stream(l.substring(7).split(" ")).mapToDouble(Double::parseDouble).toArray()).toList();
        assertEquals(withModule.size(), without.size(), result.describe());
        for (int i = 0; i < without.size(); i++) {
            for (int e = 0; e < without.get(i).length; e++) {
                double a = withModule.get(i)[e], b = without.get(i)[e];
                assertTrue(Math.abs(a - b) <= 2e-3 * Math.abs(a) + 1e-6, "series " + i + ", epoch " + (e + 1) + ": " + a + " with the Vector API, "
                        + b + " without");
            }
        }
    }
}
