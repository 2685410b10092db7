package dlnb.nn;

import dlnb.loss.Loss;
import dlnb.metrics.Metric;
import dlnb.model.FitOptions;
import dlnb.model.GradientCheck;
import dlnb.model.Sequential;
import dlnb.optim.Adam;
import dlnb.optim.Regularization;
import dlnb.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormalizationTest {
    @TempDir
    Path dir;

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, shape).muli(2).addi(0.5);
    }

    private static INDArray oneHot(int rows, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, classes);
        for (int i = 0; i < rows; i++) y.putScalar(i, (i * 7) % classes, 1.0);
        return y;
    }

    @Test
    void parameterCountsAreKeras() {
        Sequential cnn = new Sequential(new Conv2D(32, 3, Activation.RELU), new BatchNormalization(), new MaxPool2D(2),
                new Flatten(), new Dense(16), new BatchNormalization(), new Dense(10)).input(1, 28, 28).build();
        assertEquals(128, cnn.layer(1).params().stream().mapToLong(Param::size).sum(), "4 per channel, as in Keras");
        assertEquals(64 + 32, cnn.nonTrainableCount(), "moving mean and variance: 2 per channel or feature");
        assertEquals(320 + 64 + (32 * 13 * 13 * 16 + 16) + 32 + 170, cnn.paramCount());
        String summary = cnn.summaryText();
        assertTrue(summary.contains("Non-trainable params: 96") && summary.contains("batch_normalization_1 (BatchNormalization)"), summary);
    }

    @Test
    void gradientsInTrainingModeAfterDenseAndConvolution() {
        var dense = new Sequential(new Dense(6), new BatchNormalization(), new ActivationLayer(Activation.TANH), new Dense(3))
                .dataType(DataType.DOUBLE).seed(3).input(5);
        var r = GradientCheck.run(dense, Loss.softmaxCrossEntropy(), Regularization.l2(0.01), random(1, 8, 5), oneHot(8, 3),
                1e-6, 30, 2, true);
        assertTrue(r.passes(1e-5), r.toString());
        var conv = new Sequential(new Conv2D(3, 3), new BatchNormalization(0.9, 1e-3), new ActivationLayer(Activation.RELU),
                new Flatten(), new Dense(2)).dataType(DataType.DOUBLE).seed(4).input(2, 6, 6);
        var c = GradientCheck.run(conv, Loss.softmaxCrossEntropy(), Regularization.none(), random(2, 4, 2, 6, 6), oneHot(4, 2),
                1e-6, 30, 2, true);
        assertTrue(c.passes(1e-5), c.toString());
    }

    @Test
    void gradientsInInferenceMode() {
        var net = new Sequential(new Dense(4), new BatchNormalization(), new Dense(3)).dataType(DataType.DOUBLE).seed(5).input(3);
        var r = GradientCheck.run(net, Loss.softmaxCrossEntropy(), Regularization.none(), random(3, 6, 3), oneHot(6, 3), 1e-6, 30, 2, false);
        assertTrue(r.passes(1e-5), r.toString());
    }

    @Test
    void trainingNormalisesTheBatchAndMovesTheRunningStatistics() {
        BatchNormalization bn = new BatchNormalization(0.9, 1e-3);
        Sequential net = new Sequential(bn).dataType(DataType.DOUBLE).input(2).build();
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 10}, {3, 20}, {5, 30}});
        INDArray y = net.forward(x, true);
        assertArrayEquals(new double[]{0, 0}, y.mean(0).toDoubleVector(), 1e-9);
        assertArrayEquals(new double[]{1, 1}, y.var(false, 0).toDoubleVector(), 1e-3, "variance 1 up to ε");
        assertArrayEquals(new double[]{0.3, 2.0}, net.nonTrainableParams().get(0).value().toDoubleVector(), 1e-9, "0.9·0 + 0.1·mean");
        INDArray inference = net.forward(x, false).dup();
        double var1 = 0.9 + 0.1 * (8.0 / 3);
        assertEquals((1 - 0.3) / Math.sqrt(var1 + 1e-3), inference.getDouble(0, 0), 1e-9, "inference uses the moving statistics");
    }

    @Test
    void aBatchOfOneExampleMovesTheRunningMeanToThatExample() {
        BatchNormalization bn = new BatchNormalization(0.9, 1e-3);
        Sequential net = new Sequential(bn).dataType(DataType.DOUBLE).input(2).build();
        INDArray y = net.forward(Nd4j.createFromArray(new double[][]{{4, 10}}), true);
        assertArrayEquals(new double[]{0, 0}, y.toDoubleVector(), 1e-9, "one example is its own mean");
        assertArrayEquals(new double[]{0.4, 1.0}, net.nonTrainableParams().get(0).value().toDoubleVector(), 1e-9);
    }

    @Test
    void runningStatisticsAreSavedAndLoadedAndNeverTouchedByTheOptimizer() throws IOException {
        var data = TestData.mnist().train().first(500);
        Sequential net = new Sequential(new Dense(16), new BatchNormalization(), new ActivationLayer(Activation.RELU), new Dense(10))
                .seed(2).input(784).compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
        net.fit(data, new FitOptions().epochs(1).batchSize(100).verbose(0));
        float[] moving = net.nonTrainableParams().get(0).value().toFloatVector();
        assertTrue(Math.abs(moving[0]) > 0, "the running mean moved during training");
        assertEquals(32, net.nonTrainableCount());
        assertEquals(16 * 784 + 16 + 32 + 170, net.flatParams().length(), "the optimizer's buffer holds only trainable values");
        Sequential loaded = Sequential.load(net.save(dir.resolve("bn.npz")));
        assertArrayEquals(moving, loaded.nonTrainableParams().get(0).value().toFloatVector(), 0f);
        var x = TestData.mnist().test().first(20).features();
        assertArrayEquals(net.predict(x).data().asFloat(), loaded.predict(x).data().asFloat(), 0f);
        var snapshot = net.snapshot();
        net.nonTrainableParams().get(0).value().assign(7);
        net.restore(snapshot);
        assertArrayEquals(moving, net.nonTrainableParams().get(0).value().toFloatVector(), 0f, "snapshots include the state");
    }
}
