package dlnb.nn;

import dlnb.loss.Loss;
import dlnb.model.GradientCheck;
import dlnb.model.Sequential;
import dlnb.optim.Regularization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AveragePooling2DTest {
    @Test
    void eachOutputIsTheMeanOfItsWindow() {
        Sequential net = new Sequential(new AveragePooling2D(2)).dataType(DataType.DOUBLE).input(1, 4, 4).build();
        INDArray x = Nd4j.linspace(DataType.DOUBLE, 1, 16, 1).reshape(1, 1, 4, 4);
        assertArrayEquals(new double[]{3.5, 5.5, 11.5, 13.5}, net.forward(x, false).data().asDouble(), 1e-12);
        assertArrayEquals(new long[]{8, 13, 13}, new Sequential(new AveragePooling2D(2)).input(8, 26, 26).build().shapeAfter(0));
    }

    @Test
    void samePaddingCountsOnlyTheCellsInsideTheInput() {
        Sequential net = new Sequential(new AveragePooling2D(2, 2, Padding.SAME)).dataType(DataType.DOUBLE).input(1, 3, 3).build();
        INDArray x = Nd4j.linspace(DataType.DOUBLE, 1, 9, 1).reshape(1, 1, 3, 3);
        INDArray y = net.forward(x, false);
        assertArrayEquals(new long[]{1, 1, 2, 2}, y.shape());
        assertEquals((1 + 2 + 4 + 5) / 4.0, y.getDouble(0, 0, 0, 0), 1e-12);
        assertEquals((3 + 6) / 2.0, y.getDouble(0, 0, 0, 1), 1e-12, "as Keras: the padding is not averaged in");
        assertEquals(9.0, y.getDouble(0, 0, 1, 1), 1e-12);
    }

    @Test
    void gradientsAreRight() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 2, 8, 8);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        for (int i = 0; i < 3; i++) y.putScalar(i, i, 1);
        var net = new Sequential(new Conv2D(3, 3, Activation.TANH), new AveragePooling2D(2), new Flatten(), new Dense(4))
                .dataType(DataType.DOUBLE).seed(7).input(2, 8, 8);
        var r = GradientCheck.run(net, Loss.softmaxCrossEntropy(), Regularization.none(), x, y, 1e-6, 25, 3);
        assertTrue(r.passes(1e-5), r.toString());
        INDArray small = Nd4j.randn(DataType.DOUBLE, 2, 1, 5, 5);
        var same = new Sequential(new AveragePooling2D(2, 2, Padding.SAME), new Flatten(), new Dense(4))
                .dataType(DataType.DOUBLE).seed(8).input(1, 5, 5);
        var s = GradientCheck.run(same, Loss.softmaxCrossEntropy(), Regularization.none(), small, y.get(NDArrayIndex.interval(0, 2)), 1e-6, 25, 3);
        assertTrue(s.passes(1e-5), s.toString());
    }

    @Test
    void isBuiltFromItsSettings() {
        Sequential net = Sequential.fromConfig(List.of(Map.of("type", "AveragePooling2D", "pool", 2), Map.of("type", "Flatten")))
                .input(3, 8, 8).build();
        assertEquals(0, net.paramCount(), "no parameters, as in Keras");
        assertEquals(Map.of("type", "AveragePooling2D", "pool", 2, "stride", 2, "padding", "valid", "name", "average_pooling2d_1"),
                net.layer(0).config().asMap());
    }
}
