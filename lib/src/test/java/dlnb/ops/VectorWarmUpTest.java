package dlnb.ops;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background warm-up ends, and a seeded run draws the same numbers whether or not it ran in between. */
class VectorWarmUpTest {
    @Test
    void finishesAndLeavesTheRandomGeneratorAlone() throws InterruptedException {
        Nd4j.getRandom().setSeed(42);
        float before = Nd4j.rand(DataType.FLOAT, 1, 1).getFloat(0);
        Nd4j.getRandom().setSeed(42);
        Simd.warmUp();
        assertTrue(Simd.awaitWarmUp(120), "the warm-up did not end within 120 s");
        assertEquals(before, Nd4j.rand(DataType.FLOAT, 1, 1).getFloat(0), "the warm-up drew from the shared generator");
    }
}
