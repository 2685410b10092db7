package dlnb.data;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickModeTest {
    @Test
    void unsetMeansFullRun() {
        Map<String, String> env = Map.of();
        assertFalse(QuickMode.active(env));
        assertEquals(Integer.MAX_VALUE, QuickMode.datasetLimit(env));
        assertEquals(20, QuickMode.epochs(20, env));
        assertTrue(QuickMode.describe(env).startsWith("Full run"));
    }

    @Test
    void variablesCapDataAndEpochs() {
        Map<String, String> env = Map.of("DATASET_LIMIT", "6000", "MAX_EPOCH", "2");
        assertTrue(QuickMode.active(env));
        assertEquals(6000, QuickMode.datasetLimit(env));
        assertEquals(2, QuickMode.epochs(20, env));
        assertEquals(1, QuickMode.epochs(1, env));
        assertEquals("Quick mode: at most 6000 training examples, at most 2 epochs.", QuickMode.describe(env));
    }

    @Test
    void badValuesNameTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuickMode.datasetLimit(Map.of("DATASET_LIMIT", "lots")));
        assertTrue(e.getMessage().contains("DATASET_LIMIT") && e.getMessage().contains("lots"));
        assertThrows(IllegalArgumentException.class, () -> QuickMode.epochs(5, Map.of("MAX_EPOCH", "0")));
    }
}
