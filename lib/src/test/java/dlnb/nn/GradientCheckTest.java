package dlnb.nn;

import dlnb.loss.Loss;
import dlnb.loss.MeanSquaredError;
import dlnb.loss.Reduction;
import dlnb.optim.Regularization;
import dlnb.model.GradientCheck;
import dlnb.model.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Back-propagation against numerical gradients, in float64, for every layer, activation, loss and regulariser. */
class GradientCheckTest {
    private static final double TOLERANCE = 1e-5;

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, shape);
    }

    private static INDArray oneHot(long seed, int rows, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, classes);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < rows; i++) y.putScalar(i, r.nextInt(classes), 1.0);
        return y;
    }

    private static void check(Sequential net, Loss loss, INDArray x, INDArray y, Regularization reg) {
        net.dataType(DataType.DOUBLE).seed(7);
        GradientCheck.Result r = GradientCheck.run(net, loss, reg, x, y, 1e-6, 25, 3);
        assertTrue(r.passes(TOLERANCE), r.toString());
        assertTrue(r.checked() > 0);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "RELU", "SIGMOID", "TANH", "ELU"})
    void denseWithEachActivation(Activation a) {
        var net = new Sequential(new Dense(7, a), new Dense(3));
        check(net, new MeanSquaredError(Reduction.MEAN), random(1, 5, 4), random(2, 5, 3), Regularization.none());
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "SIGMOID", "TANH", "ELU", "SOFTMAX"})
    void activationLayers(Activation a) {
        var net = new Sequential(new Dense(6), new ActivationLayer(a), new Dense(3));
        check(net, new MeanSquaredError(Reduction.SUM), random(3, 4, 5), random(4, 4, 3), Regularization.none());
    }

    @Test
    void softmaxOutputWithMeanSquaredErrorUsesTheFullJacobian() {
        var net = new Sequential(new Dense(5, Activation.TANH), new Dense(4, Activation.SOFTMAX));
        check(net, new MeanSquaredError(Reduction.MEAN), random(5, 6, 3), random(6, 6, 4), Regularization.none());
    }

    @Test
    void softmaxCrossEntropyOnScores() {
        var net = new Sequential(new Dense(8, Activation.RELU), new Dense(4));
        check(net, Loss.softmaxCrossEntropy(), random(7, 6, 5), oneHot(8, 6, 4), Regularization.none());
    }

    @Test
    void categoricalCrossEntropyFusedWithSoftmax() {
        var net = new Sequential(new Dense(8, Activation.ELU), new Dense(4, Activation.SOFTMAX));
        check(net, Loss.categoricalCrossEntropy(), random(9, 6, 5), oneHot(10, 6, 4), Regularization.none());
    }

    @Test
    void categoricalCrossEntropyThroughASeparateSoftmaxLayer() {
        var net = new Sequential(new Dense(8, Activation.RELU), new Dense(4), new ActivationLayer(Activation.SOFTMAX));
        check(net, Loss.categoricalCrossEntropy(), random(11, 6, 5), oneHot(12, 6, 4), Regularization.none());
    }

    @Test
    void binaryCrossEntropySummedAndFusedWithSigmoid() {
        var net = new Sequential(new Dense(7, Activation.SIGMOID), new Dense(3, Activation.SIGMOID));
        check(net, Loss.binaryCrossEntropy(Reduction.SUM), random(13, 5, 4), oneHot(14, 5, 3), Regularization.none());
    }

    @Test
    void binaryCrossEntropyThroughASeparateSigmoidLayer() {
        var net = new Sequential(new Dense(7, Activation.TANH), new Dense(3), new ActivationLayer(Activation.SIGMOID));
        check(net, Loss.binaryCrossEntropy(Reduction.MEAN), random(15, 5, 4), oneHot(16, 5, 3), Regularization.none());
    }

    @Test
    void l2AndL1OnWeightsOnly() {
        var net = new Sequential(new Dense(6, Activation.SIGMOID), new Dense(3, Activation.SIGMOID));
        check(net, Loss.binaryCrossEntropy(Reduction.SUM), random(17, 5, 4), oneHot(18, 5, 3), new Regularization(0.03, 0.2));
    }

    @Test
    void convolutionPoolingFlattenValid() {
        var net = new Sequential(new Conv2D(3, 3, Activation.RELU), new MaxPool2D(2), new Flatten(), new Dense(4));
        net.input(2, 8, 8);
        check(net, Loss.softmaxCrossEntropy(), random(19, 3, 2, 8, 8), oneHot(20, 3, 4), Regularization.none());
    }

    @Test
    void convolutionSameWithStrideAndTanh() {
        var net = new Sequential(new Conv2D(2, 3, 3, 2, Padding.SAME, Activation.TANH, Initializer.GLOROT_UNIFORM),
                new Conv2D(3, 2, Activation.SIGMOID), new Flatten(), new Dense(3));
        net.input(1, 7, 7);
        check(net, new MeanSquaredError(Reduction.MEAN), random(21, 2, 1, 7, 7), random(22, 2, 3), Regularization.none());
    }

    @Test
    void puzzleLibOrderPoolThenActivation() {
        var net = new Sequential(new Conv2D(4, 3), new MaxPool2D(2), new ActivationLayer(Activation.RELU),
                new Conv2D(3, 2), new ActivationLayer(Activation.RELU), new Flatten(), new Dense(5),
                new ActivationLayer(Activation.RELU), new Dense(3));
        net.input(1, 10, 10);
        check(net, Loss.softmaxCrossEntropy(), random(23, 2, 1, 10, 10), oneHot(24, 2, 3), new Regularization(0, 0.01));
    }
}
