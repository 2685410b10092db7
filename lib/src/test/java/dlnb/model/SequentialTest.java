package dlnb.model;

import dlnb.nn.Activation;
import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Dropout;
import dlnb.nn.Flatten;
import dlnb.nn.LayerConfig;
import dlnb.nn.MaxPool2D;
import dlnb.nn.Param;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequentialTest {
    /** The Keras article's CNN, built layer by layer. */
    static Sequential kerasArticleCnn() {
        return new Sequential()
                .add(new Conv2D(32, 3, Activation.RELU)).add(new MaxPool2D(2))
                .add(new Conv2D(64, 3, Activation.RELU)).add(new MaxPool2D(2))
                .add(new Conv2D(64, 3, Activation.RELU)).add(new Flatten())
                .add(new Dense(70, Activation.RELU)).add(new Dense(10, Activation.SOFTMAX))
                .input(1, 28, 28);
    }

    @Test
    void kerasArticleCnnHas96844Parameters() {
        Sequential cnn = kerasArticleCnn().build();
        assertEquals(96_844, cnn.paramCount());
        assertEquals(List.of(320L, 0L, 18_496L, 0L, 36_928L, 0L, 40_390L, 710L),
                cnn.layers().stream().map(l -> l.params().stream().mapToLong(Param::size).sum()).toList());
        assertArrayEquals(new long[]{64, 3, 3}, cnn.shapeAfter(4));
        String summary = cnn.summaryText();
        assertTrue(summary.contains("Total params: 96,844") && summary.contains("Non-trainable params: 0"), summary);
        assertTrue(summary.contains("conv2d_1 (Conv2D)") && summary.contains("(None, 26, 26, 32)"), summary);
        assertTrue(summary.contains("dense_1 (Dense)") && summary.contains("40,390"), summary);
    }

    @Test
    void theSameCnnFromLayersWrittenAsData() {
        List<Map<String, Object>> layers = List.of(
                Map.of("type", "Conv2D", "filters", 32, "kernel", 3, "activation", "relu"), Map.of("type", "MaxPool2D", "pool", 2),
                Map.of("type", "conv2d", "filters", 64, "kernel", 3, "activation", "relu"), Map.of("type", "maxpool2d", "pool", 2),
                Map.of("type", "Conv2D", "filters", 64, "kernel", 3, "activation", "relu"), Map.of("type", "Flatten"),
                Map.of("type", "Dense", "units", 70, "activation", "relu"), Map.of("type", "dense", "units", 10, "activation", "softmax"));
        Sequential cnn = Sequential.fromConfig(layers).input(1, 28, 28).build();
        assertEquals(96_844, cnn.paramCount());
        assertEquals(Activation.SOFTMAX, cnn.outputActivation());
        Sequential again = Sequential.fromConfig(cnn.layerConfigs()).input(1, 28, 28).build();
        assertEquals(cnn.layerConfigs(), again.layerConfigs(), "a layer's config rebuilds an equal layer");
    }

    @Test
    void layerSettingsThatDoNotExistAreReported() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> LayerConfig.of("Dense", "units", 10, "activaton", "relu").toLayer());
        assertTrue(typo.getMessage().contains("Dense has no setting [activaton]"), typo.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> LayerConfig.of("Dens", "units", 10).toLayer());
        assertTrue(unknown.getMessage().contains("unknown layer type 'Dens'") && unknown.getMessage().contains("Dense"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> LayerConfig.of("Dense").toLayer());
        assertTrue(missing.getMessage().contains("\"units\""), missing.getMessage());
    }

    @Test
    void articleMlpsHaveTheirParameterCounts() {
        assertEquals(42_310, new Sequential(new Dense(50), new Dense(50), new Dense(10)).input(784).build().paramCount());
        assertEquals(57_390, new Sequential(new Dense(70), new Dense(30), new Dense(10)).input(784).build().paramCount());
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        float[] a = new Sequential(new Dense(20), new Dense(3)).seed(5).input(10).build().flatParams().toFloatVector();
        float[] b = new Sequential(new Dense(20), new Dense(3)).seed(5).input(10).build().flatParams().toFloatVector();
        float[] c = new Sequential(new Dense(20), new Dense(3)).seed(6).input(10).build().flatParams().toFloatVector();
        assertArrayEquals(a, b, 0f);
        assertTrue(!java.util.Arrays.equals(a, c));
    }

    @Test
    void paramsAreViewsIntoTheFlatBuffers() {
        Sequential net = new Sequential(new Dense(4), new Dense(2)).input(3).build();
        net.params().get(0).value().putScalar(0, 0, 42f);
        assertEquals(42f, net.flatParams().getFloat(0), 0f);
        net.flatGradients().assign(7);
        assertEquals(7f, net.params().get(3).grad().getFloat(0), 0f);
    }

    @Test
    void snapshotAndRestore() {
        Sequential net = new Sequential(new Dense(4), new Dense(2)).input(3).build();
        WeightsSnapshot start = net.snapshot();
        float[] before = net.flatParams().toFloatVector();
        net.flatParams().addi(1);
        net.restore(start);
        assertArrayEquals(before, net.flatParams().toFloatVector(), 0f);
    }

    @Test
    void wrongInputShapeNamesTheLayerAndBothShapes() {
        Sequential net = new Sequential(new Dense(5), new Dense(2)).input(784).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(Nd4j.zeros(DataType.FLOAT, 3, 783), false));
        assertTrue(e.getMessage().contains("dense_1") && e.getMessage().contains("[batch, 784]")
                && e.getMessage().contains("[3, 783]"), e.getMessage());
    }

    @Test
    void wrongGradientShapeNamesTheLayer() {
        Sequential net = new Sequential(new Dense(5), new Dense(2)).input(4).build();
        net.forward(Nd4j.zeros(DataType.FLOAT, 3, 4), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.backward(Nd4j.zeros(DataType.FLOAT, 3, 3)));
        assertTrue(e.getMessage().contains("dense_2") && e.getMessage().contains("[3, 3]"), e.getMessage());
    }

    @Test
    void impossibleLayersAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dense(0)).getMessage().contains("units"));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(8, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Conv2D(8, 5)).input(1, 4, 4).build());
        assertTrue(big.getMessage().contains("conv2d_1") && big.getMessage().contains("5x5")
                && big.getMessage().contains("4x4"), big.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Dense(3)).input(1, 28, 28).build());
        assertTrue(flat.getMessage().contains("Flatten"), flat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.byName("swishy"));
    }

    @Test
    void customLayerNamesAreKept() {
        Dense hidden = new Dense(4);
        hidden.setName("hidden");
        Sequential net = new Sequential(hidden, new Dense(2)).input(3).build();
        assertEquals("hidden", net.layer(0).name());
        assertEquals("dense_1", net.layer(1).name());
    }

    @Test
    void dropoutScalesKeptUnitsAndIsOffAtEvaluation() {
        Dropout d = new Dropout(0.5);
        Sequential net = new Sequential(d).input(1000).build();
        var x = Nd4j.ones(DataType.FLOAT, 4, 1000);
        var train = net.forward(x, true);
        double kept = train.gt(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.5, kept, 0.05);
        assertEquals(2.0, train.maxNumber().doubleValue(), 1e-6);
        var g = Nd4j.ones(DataType.FLOAT, 4, 1000);
        var back = d.backward(g);
        assertArrayEquals(train.data().asFloat(), back.data().asFloat(), 0f);
        assertArrayEquals(x.data().asFloat(), net.forward(x, false).data().asFloat(), 0f);
    }
}
