package dlnb.model;

import dlnb.nn.Activation;
import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Flatten;
import dlnb.nn.Layer;
import dlnb.nn.MaxPool2D;
import dlnb.ops.OneDnnChain;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The model runs its fused head and its oneDNN chain, and gets what its layers give one after the other: the output
 * and every parameter's gradient, up to float rounding. A double-precision model (gradient checks) runs no chain.
 */
class FusedPassesTest {
    @Test
    void theModelRunsItsChainAndGetsWhatItsLayersGive() {
        assumeTrue(OneDnnChain.usable(), "oneDNN does not load here");
        Sequential net = cnn().build();
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.randn(DataType.FLOAT, 32, 1, 28, 28), gradOut = Nd4j.randn(DataType.FLOAT, 32, 5);
        INDArray out = net.forward(x, true).dup();
        assertTrue(net.fusedPasses().chainRan(2), "conv2, pool and conv3 ran as one chain");
        net.backward(gradOut);
        List<INDArray> grads = net.params().stream().map(p -> p.grad().dup()).toList();
        INDArray a = x;
        for (Layer l : net.layers()) a = l.forward(a, true);
        close(a, out, "the model's output");
        INDArray g = gradOut;
        for (int i = net.layers().size() - 1; i >= 0; i--) g = net.layer(i).backward(g);
        for (int i = 0; i < grads.size(); i++) close(net.params().get(i).grad(), grads.get(i), "gradient " + i);
    }

    @Test
    void aDoublePrecisionModelRunsEveryLayerOnItsOwn() {
        Sequential net = cnn().dataType(DataType.DOUBLE).build();
        net.forward(Nd4j.randn(DataType.DOUBLE, 4, 1, 28, 28), true);
        assertFalse(net.fusedPasses().chainRan(2));
    }

    private static Sequential cnn() {
        return new Sequential(
                new Conv2D(8, 3, Activation.RELU), new MaxPool2D(2),
                new Conv2D(16, 3, Activation.RELU), new MaxPool2D(2),
                new Conv2D(16, 3, Activation.RELU), new Flatten(), new Dense(5)).seed(5).input(1, 28, 28);
    }

    private static void close(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1e-3, expected.castTo(DataType.DOUBLE).norm2Number().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        assertTrue(diff / scale < 1e-5, what + ": relative difference " + diff / scale);
    }
}
