package dlnb.check;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ParameterCountChecksTest {
    /** A count walking the layers; {@code biases} false leaves them out (a slip). */
    static long count(long[] input, List<Map<String, Object>> layers, boolean biases) {
        long[] shape = input.clone();
        long total = 0;
        for (Map<String, Object> layer : layers) {
            switch ((String) layer.get("type")) {
                case "Conv2D" -> {
                    int f = (int) layer.get("filters"), k = (int) layer.get("kernel"), s = (int) layer.get("stride");
                    total += shape[0] * k * k * f + (biases ? f : 0);
                    String p = (String) layer.get("padding");
                    shape = new long[]{f, ShapeChecksTest.side(shape[1], k, s, p), ShapeChecksTest.side(shape[2], k, s, p)};
                }
                case "MaxPool2D" -> {
                    int k = (int) layer.get("pool"), s = (int) layer.get("stride");
                    String p = (String) layer.get("padding");
                    shape = new long[]{shape[0], ShapeChecksTest.side(shape[1], k, s, p), ShapeChecksTest.side(shape[2], k, s, p)};
                }
                case "Flatten" -> shape = new long[]{shape[0] * shape[1] * shape[2]};
                case "Dense" -> {
                    int units = (int) layer.get("units");
                    total += shape[0] * units + (biases ? units : 0);
                    shape = new long[]{units};
                }
                default -> throw new IllegalArgumentException(layer.toString());
            }
        }
        return total;
    }

    @Test
    void theKerasCnnHas96844Parameters() {
        assertEquals(96_844, ParameterCountChecks.reference(ParameterCountChecks.kerasCnn()).paramCount());
    }

    @Test
    void rightSolutionEarnsEveryPoint() {
        assertEquals("2/2", Captured.run(() -> ParameterCountChecks.parameterCount((in, l) -> count(in, l, true))).points());
    }

    @Test
    void missingBiasesAreExplainedLayerByLayer() {
        Captured c = Captured.run(() -> ParameterCountChecks.parameterCount((in, l) -> count(in, l, false)));
        assertEquals("0/2", c.points());
        assertTrue(c.err().contains("your parameter count returned 96,604 (expected 96,844): the biases are missing"), c.err());
        Captured dense = Captured.run(() -> ParameterCountChecks.parameterCount((in, l) -> count(in, l, true)
                - l.stream().filter(m -> m.get("type").equals("Dense")).mapToLong(m -> (int) m.get("units")).sum()));
        assertTrue(dense.err().contains("returned 96,764 (expected 96,844): the dense layers' biases are missing"), dense.err());
        assertTrue(dense.err().contains("returned 837,824 (expected 838,858): the dense layers' biases are missing"), dense.err());
        assertTrue(c.err().contains("(layer by layer: conv2d_1 320, conv2d_2 18,496, conv2d_3 36,928, dense_1 40,390, dense_2 710)"), c.err());
    }
}
