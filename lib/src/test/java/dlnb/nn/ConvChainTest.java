package dlnb.nn;

import dlnb.model.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A chain of convolutions and poolings run in oneDNN gives what the layers give one after the other through ND4J's
 * ops: the output, every dW and db, and the input's gradient, up to float rounding; on W3's network at its batch
 * size, on a batch that splits unevenly, then on a new batch of the first size (the chain reads each batch where it
 * lies), with new weights and biases each time; with strides, a pool that leaves a row over, no ReLU, and as the
 * network's first layers.
 */
class ConvChainTest {
    private int seed = 100;

    @Test
    void w3sChainMatchesItsLayers() {
        assumeTrue(dlnb.ops.OneDnnChain.usable(), "oneDNN does not load here");
        Sequential net = new Sequential(
                new Conv2D(32, 3, Activation.RELU), new MaxPool2D(2),
                new Conv2D(64, 3, Activation.RELU), new MaxPool2D(2),
                new Conv2D(64, 3, Activation.RELU), new Flatten(), new Dense(10)).seed(3).input(1, 28, 28).build();
        List<ConvChain> chains = chains(net);
        assertEquals(1, chains.size());
        assertEquals(2, chains.get(0).start(), "after the fused head");
        assertEquals(3, chains.get(0).size(), "conv2, pool, conv3");
        for (int batch : new int[]{64, 17, 64}) matchesTheLayers(net, chains.get(0), batch);
    }

    @Test
    void stridesOddPoolsAndNoActivationMatch() {
        assumeTrue(dlnb.ops.OneDnnChain.usable(), "oneDNN does not load here");
        Sequential net = new Sequential(
                new Conv2D(6, 3, 3, 2, Padding.VALID, Activation.IDENTITY, Initializer.GLOROT_UNIFORM), new MaxPool2D(3, 2, Padding.VALID),
                new Conv2D(5, 2, Activation.RELU), new Flatten(), new Dense(3)).seed(4).input(3, 19, 21).build();
        List<ConvChain> chains = chains(net);
        assertEquals(1, chains.size());
        assertEquals(0, chains.get(0).start(), "a three-channel first layer");
        assertEquals(3, chains.get(0).size());
        for (int batch : new int[]{16, 5, 16}) matchesTheLayers(net, chains.get(0), batch);
    }

    @Test
    void appliesOnlyWhereItFits() {
        assumeTrue(dlnb.ops.OneDnnChain.usable(), "oneDNN does not load here");
        assertEquals(List.of(), chains(new Sequential(new Conv2D(4, 3, Activation.SIGMOID), new MaxPool2D(2), new Flatten(), new Dense(2))
                .input(3, 12, 12).build()), "sigmoid");
        assertEquals(List.of(), chains(new Sequential(new Conv2D(4, 5, Activation.RELU), new MaxPool2D(2), new Flatten(), new Dense(2))
                .input(1, 28, 28).build()), "a one-channel first layer");
        assertEquals(List.of(), chains(new Sequential(new Conv2D(4, 3, 3, 1, Padding.SAME, Activation.RELU, Initializer.GLOROT_UNIFORM),
                new Flatten(), new Dense(2)).input(3, 12, 12).build()), "padding");
        List<ConvChain> cut = chains(new Sequential(new Conv2D(4, 3, Activation.RELU), new Dropout(0.5), new Conv2D(4, 3, Activation.RELU),
                new MaxPool2D(2), new Flatten(), new Dense(2)).input(3, 14, 14).build());
        assertEquals(2, cut.size(), "dropout cuts the run in two");
        assertEquals(2, cut.get(1).start());
        List<ConvChain> last = chains(new Sequential(new Conv2D(4, 3, Activation.RELU), new Conv2D(4, 3, Activation.RELU)).input(3, 14, 14).build());
        assertEquals(1, last.size());
        assertEquals(1, last.get(0).size(), "the network's last layer stays outside");
    }

    private static List<ConvChain> chains(Sequential net) {
        long[][] shapes = new long[net.layers().size()][];
        long[] s = net.inputShape();
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = s;
            s = net.layer(i).outputShape(s);
        }
        FusedHead head = FusedHead.of(net.layers(), net.inputShape());
        return ConvChain.of(net.layers(), shapes, head == null ? 0 : head.size());
    }

    /** The chain's output, the convolutions' dW and db, and the input's gradient, against the layers' own passes. */
    private void matchesTheLayers(Sequential net, ConvChain chain, int batch) {
        Nd4j.getRandom().setSeed(seed++);
        List<Layer> layers = net.layers().subList(chain.start(), chain.start() + chain.size());
        // new weights and biases (not the zeros biases start from) before every batch: the chain reads them each pass
        layers.stream().flatMap(l -> l.params().stream()).forEach(p -> p.value().assign(Nd4j.randn(DataType.FLOAT, p.value().shape()).muli(0.3)));
        long[] in = net.inputShape();
        for (int i = 0; i < chain.start(); i++) in = net.layer(i).outputShape(in);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, in[0], in[1], in[2]);
        INDArray a = x;
        for (Layer l : layers) a = l.forward(a, true);
        INDArray expected = a.dup(), gradOut = Nd4j.randn(DataType.FLOAT, expected.shape());
        INDArray g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g);
        INDArray dx = g == null ? null : g.dup();
        List<INDArray> grads = layers.stream().flatMap(l -> l.params().stream()).map(p -> p.grad().dup()).toList();
        layers.stream().flatMap(l -> l.params().stream()).forEach(p -> p.grad().assign(Float.NaN));

        String at = "batch " + batch;
        assertTrue(chain.takes(x), at);
        close(expected, chain.forward(x), "output " + at);
        INDArray chainDx = chain.backward(gradOut);
        if (dx == null) assertNull(chainDx, "no input gradient for a first layer, " + at);
        else close(dx, chainDx, "input gradient " + at);
        List<INDArray> chainGrads = layers.stream().flatMap(l -> l.params().stream()).map(p -> p.grad()).toList();
        for (int i = 0; i < grads.size(); i++) close(grads.get(i), chainGrads.get(i), "gradient " + i + " " + at);
    }

    private static void close(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double scale = Math.max(1e-3, expected.castTo(DataType.DOUBLE).norm2Number().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        assertTrue(diff / scale < 1e-5, what + ": relative difference " + diff / scale);
    }
}
