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
        assertEquals(Integer.MAX_VALUE, QuickMode.examples(6000, env));
        assertEquals(20, QuickMode.epochs(20, 3, env));
        assertTrue(QuickMode.describe(env).startsWith("Full run"));
        assertFalse(QuickMode.active(Map.of("DLNB_QUICK", "0")));
    }

    @Test
    void quickModeUsesEachNotebooksOwnBudget() {
        Map<String, String> env = Map.of("DLNB_QUICK", "1");
        assertTrue(QuickMode.active(env));
        assertEquals(20_000, QuickMode.examples(20_000, env));
        assertEquals(30, QuickMode.epochs(800, 30, env));
        assertEquals(5, QuickMode.epochs(5, 8, env), "never more epochs than the full run");
        assertTrue(QuickMode.describe(env).contains("this notebook's budget"));
    }

    @Test
    void variablesOverrideTheBudget() {
        Map<String, String> env = Map.of("DATASET_LIMIT", "3000", "MAX_EPOCH", "1");
        assertTrue(QuickMode.active(env));
        assertEquals(3000, QuickMode.examples(20_000, env));
        assertEquals(1, QuickMode.epochs(800, 30, env));
        assertEquals(2, QuickMode.epochs(2, 1, Map.of("MAX_EPOCH", "5")));
        assertTrue(QuickMode.describe(env).startsWith("Quick mode: at most 3000 training examples, at most 1 epochs"), QuickMode.describe(env));
    }

    @Test
    void badValuesNameTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuickMode.examples(10, Map.of("DATASET_LIMIT", "lots")));
        assertTrue(e.getMessage().contains("DATASET_LIMIT") && e.getMessage().contains("lots"));
        assertThrows(IllegalArgumentException.class, () -> QuickMode.epochs(5, 1, Map.of("MAX_EPOCH", "0")));
        assertThrows(IllegalArgumentException.class, () -> QuickMode.active(Map.of("DLNB_QUICK", "yes")));
    }
}
