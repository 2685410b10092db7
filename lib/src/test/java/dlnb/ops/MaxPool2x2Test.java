package dlnb.ops;

import dlnb.model.Sequential;
import dlnb.nn.MaxPool2D;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 2×2 pooling passes give exactly what ND4J's maxpool2d and maxpool2d_bp give: MaxPool2x2 on rows of exactly one
 * vector, of whole vectors and of overlapping ones, NarrowMaxPool2x2 on narrower maps with even and odd sides (odd
 * ones leave a row or column out), on random values and on ReLU-like values full of ties (where the gradient must go
 * to each window's first maximum, as in ND4J).
 */
class MaxPool2x2Test {
    private static final int[][] SHAPES = {{64, 32, 26, 26}, {2, 3, 16, 16}, {3, 2, 18, 34}, {1, 1, 2, 32}, {2, 5, 48, 20}};
    private static final int[][] NARROW = {{64, 64, 11, 11}, {2, 3, 8, 8}, {3, 2, 5, 7}, {1, 2, 2, 2}, {2, 2, 15, 3}, {1, 1, 3, 15}, {2, 1, 9, 2}};

    @Test
    void matchesNd4jOnRandomValues() {
        for (int[] s : SHAPES) matchesNd4j(s, Nd4j.randn(DataType.FLOAT, s[0], s[1], s[2], s[3]), "random");
        for (int[] s : NARROW) matchesNd4j(s, Nd4j.randn(DataType.FLOAT, s[0], s[1], s[2], s[3]), "random");
    }

    @Test
    void matchesNd4jWhenWindowsHoldTies() {
        for (int[] s : concat(SHAPES, NARROW)) {
            // ReLU of values rounded to halves: most windows have equal maxima, many are all zeros.
            INDArray x = Transforms.relu(Transforms.round(Nd4j.randn(DataType.FLOAT, s[0], s[1], s[2], s[3]).muli(2)).divi(2));
            matchesNd4j(s, x, "ties");
        }
    }

    @Test
    void theLayerTakesThePassesWhereTheyFit() {
        assertTrue(Simd.enabled(), "this JVM has the module (see the surefire argLine)");
        var net = new Sequential(new MaxPool2D(2)).input(4, 26, 26).build();
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 4, 26, 26);
        INDArray y = net.forward(x, true).dup();
        INDArray dy = Nd4j.randn(DataType.FLOAT, 8, 4, 13, 13);
        INDArray dx = net.layer(0).backward(dy).dup();
        assertEquals(nd4jForward(x), y, "layer forward");
        assertEquals(nd4jBackward(x, dy), dx, "layer backward");
        assertTrue(MaxPool2x2.fits(26, 26));
        assertFalse(MaxPool2x2.fits(11, 11), "maps narrower than a vector take the narrow passes");
        assertTrue(NarrowMaxPool2x2.fits(11, 11));
        assertFalse(MaxPool2x2.fits(26, 27), "odd widths at least a vector wide stay with ND4J");
        assertFalse(NarrowMaxPool2x2.fits(26, 27));
    }

    @Test
    void theLayerTakesTheNarrowPassesOnW3sSecondPooling() {
        var net = new Sequential(new MaxPool2D(2)).input(64, 11, 11).build();
        INDArray x = Transforms.relu(Nd4j.randn(DataType.FLOAT, 4, 64, 11, 11));
        INDArray y = net.forward(x, true).dup();
        INDArray dy = Nd4j.randn(DataType.FLOAT, 4, 64, 5, 5);
        INDArray dx = net.layer(0).backward(dy).dup();
        assertEquals(nd4jForward(x), y, "layer forward");
        assertEquals(nd4jBackward(x, dy), dx, "layer backward");
    }

    private static int[][] concat(int[][] a, int[][] b) {
        int[][] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void matchesNd4j(int[] s, INDArray x, String what) {
        String at = java.util.Arrays.toString(s) + " " + what;
        long maps = (long) s[0] * s[1];
        PoolingPass pass = MaxPool2x2.fits(s[2], s[3]) ? new MaxPool2x2(maps, s[2], s[3]) : new NarrowMaxPool2x2(maps, s[2], s[3]);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, s[0], s[1], s[2] / 2, s[3] / 2);
        INDArray dy = Nd4j.randn(DataType.FLOAT, s[0], s[1], s[2] / 2, s[3] / 2);
        INDArray dx = Nd4j.valueArrayOf(new long[]{s[0], s[1], s[2], s[3]}, Float.NaN, DataType.FLOAT);
        assertTrue(pass.takes(x, y, dy, dx), at);
        pass.forward(x, y);
        assertEquals(nd4jForward(x), y, "forward " + at);
        pass.backward(x, y, dy, dx);
        INDArray expected = nd4jBackward(x, dy);
        assertEquals(expected, dx, "backward " + at);
    }

    private static final int[] ARGS = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0};

    private static INDArray nd4jForward(INDArray x) {
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), x.size(1), x.size(2) / 2, x.size(3) / 2);
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d").addInputs(x).addOutputs(y).addIntegerArguments(ARGS).build());
        return y;
    }

    private static INDArray nd4jBackward(INDArray x, INDArray dy) {
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, dy).addOutputs(dx).addIntegerArguments(ARGS).build());
        return dx;
    }
}
