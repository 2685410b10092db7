package dlnb.reliability;

import dlnb.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Float64, float16 and integer features (issue 11, case 1), in a JVM of their own: a native crash fails this test only. */
class NonFloatFeaturesTest {
    @Test
    void nonFloat32FeaturesAreConvertedOrRefusedNeverCrash() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(NonFloatFeatures.class, Duration.ofMinutes(3), List.of("-Xmx1g"));
        assertFalse(r.crashed(), r.describe());
        assertEquals(0, r.exitCode(), r.describe());
    }
}
