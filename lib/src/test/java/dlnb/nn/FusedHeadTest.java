package dlnb.nn;

import dlnb.model.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused first convolution and pooling give what the two layers give one after the other: the pooled maps to
 * the bit, dW and db up to float rounding, on rows of whole and of overlapping vectors, and on images and weights
 * made of a few values, where windows hold equal positive maxima and the first must win.
 */
class FusedHeadTest {
    /** batch, height, width, filters: outputs 26x26, 16x16 (one vector a row), 18x34 (two and a bit). */
    private static final int[][] CASES = {{64, 28, 28, 32}, {2, 18, 18, 3}, {3, 20, 36, 5}};

    @Test
    void matchesTheTwoLayersOnRandomImages() {
        for (int[] c : CASES) {
            Sequential net = net(c);
            Nd4j.getRandom().setSeed(11);
            matchesTheLayers(net, Nd4j.randn(DataType.FLOAT, c[0], 1, c[1], c[2]), Nd4j.randn(DataType.FLOAT, c[0], c[3], (c[1] - 2) / 2, (c[2] - 2) / 2),
                    java.util.Arrays.toString(c));
        }
    }

    @Test
    void givesTiesToTheWindowsFirstMaximum() {
        for (int[] c : CASES) {
            Sequential net = net(c);
            Nd4j.getRandom().setSeed(12);
            // pixels 0 or 1, weights 0.25 or 0.5, no bias: sums of a few quarters, equal in many windows
            INDArray x = Transforms.round(Nd4j.rand(DataType.FLOAT, c[0], 1, c[1], c[2]));
            net.layer(0).params().get(0).value().assign(Transforms.round(Nd4j.rand(DataType.FLOAT, 3, 3, 1, c[3])).addi(1).muli(0.25));
            net.layer(0).params().get(1).value().assign(0);
            matchesTheLayers(net, x, Nd4j.randn(DataType.FLOAT, c[0], c[3], (c[1] - 2) / 2, (c[2] - 2) / 2), java.util.Arrays.toString(c) + " ties");
        }
    }

    @Test
    void theModelRunsItsHeadFusedAndGetsTheSameResult() {
        int[] c = CASES[0];
        Sequential net = net(c);
        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.randn(DataType.FLOAT, c[0], 1, c[1], c[2]), gradOut = Nd4j.randn(DataType.FLOAT, c[0], 4);
        INDArray out = net.forward(x, true).dup();
        net.backward(gradOut);
        INDArray dw = net.layer(0).params().get(0).grad().dup(), dense = net.layer(3).params().get(0).grad().dup();
        INDArray a = x;
        for (Layer l : net.layers()) a = l.forward(a, true);
        assertEquals(a, out, "the model's output");
        INDArray g = gradOut;
        for (int i = net.layers().size() - 1; i >= 0; i--) g = net.layer(i).backward(g);
        close(net.layer(3).params().get(0).grad(), dense, "the dense layer's dW");
        close(net.layer(0).params().get(0).grad(), dw, "the convolution's dW");
    }

    @Test
    void appliesOnlyWhereThePassFits() {
        assertNotNull(FusedHead.of(net(CASES[0]).layers(), new long[]{1, 28, 28}));
        assertNull(head(new Conv2D(4, 3, Activation.RELU), new MaxPool2D(2), 2, 28), "two channels");
        assertNull(head(new Conv2D(4, 5, Activation.RELU), new MaxPool2D(2), 1, 28), "a 5x5 kernel");
        assertNull(head(new Conv2D(4, 3, Activation.SIGMOID), new MaxPool2D(2), 1, 28), "sigmoid");
        assertNull(head(new Conv2D(4, 3, Activation.RELU), new MaxPool2D(3), 1, 28), "a 3x3 pool");
        assertNull(head(new Conv2D(4, 3, Activation.RELU), new MaxPool2D(2), 1, 27), "an odd output");
        assertNull(head(new Conv2D(4, 3, Activation.RELU), new MaxPool2D(2), 1, 12), "rows narrower than a vector");
        assertNull(head(new Conv2D(4, 3, Activation.RELU), new AveragePooling2D(2), 1, 28), "average pooling");
        Sequential twoLayers = new Sequential(new Conv2D(4, 3, Activation.RELU), new MaxPool2D(2)).input(1, 28, 28).build();
        assertNull(FusedHead.of(twoLayers.layers(), new long[]{1, 28, 28}), "nothing after the pooling");
    }

    private static FusedHead head(Layer conv, Layer pool, int channels, int side) {
        Sequential net = new Sequential(conv, pool, new Flatten(), new Dense(2)).input(channels, side, side).build();
        return FusedHead.of(net.layers(), new long[]{channels, side, side});
    }

    private static Sequential net(int[] c) {
        return new Sequential(new Conv2D(c[3], 3, Activation.RELU), new MaxPool2D(2), new Flatten(), new Dense(4)).seed(7)
                .input(1, c[1], c[2]).build();
    }

    /** The pooled output exactly, dW and db closely, against the two layers' own passes. */
    private static void matchesTheLayers(Sequential net, INDArray x, INDArray dy, String at) {
        FusedHead head = FusedHead.of(net.layers(), new long[]{1, x.size(2), x.size(3)});
        assertNotNull(head, at);
        assertTrue(head.takes(x), at);
        Layer conv = net.layer(0), pool = net.layer(1);
        INDArray expected = pool.forward(conv.forward(x, true), true).dup();
        conv.backward(pool.backward(dy));
        INDArray dw = conv.params().get(0).grad().dup(), db = conv.params().get(1).grad().dup();
        conv.params().get(0).grad().assign(Float.NaN);
        conv.params().get(1).grad().assign(Float.NaN);
        assertEquals(expected, head.forward(x), "pooled maps " + at);
        head.backward(dy);
        close(dw, conv.params().get(0).grad(), "dW " + at);
        close(db, conv.params().get(1).grad(), "db " + at);
    }

    private static void close(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1e-3, expected.castTo(DataType.DOUBLE).norm2Number().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        assertTrue(diff / scale < 1e-5, what + ": relative difference " + diff / scale);
    }
}
