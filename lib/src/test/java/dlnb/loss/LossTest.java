package dlnb.loss;

import dlnb.nn.Activation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loss values against hand computation; each gradient against a numerical derivative of the loss. */
class LossTest {
    private static INDArray rows(double[][] values) {
        return Nd4j.createFromArray(values);
    }

    @Test
    void softmaxCrossEntropyValue() {
        double[][] z = {{1, 2, 0.5}, {-1, 0, 3}};
        double[][] y = {{0, 1, 0}, {0, 0, 1}};
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double sum = 0;
            for (double v : z[i]) sum += Math.exp(v);
            int label = i == 0 ? 1 : 2;
            expected += -Math.log(Math.exp(z[i][label]) / sum);
        }
        assertEquals(expected / 2, Loss.softmaxCrossEntropy().forward(rows(z), rows(y)), 1e-12);
        assertEquals(expected, new SoftmaxCrossEntropy(Reduction.SUM).forward(rows(z), rows(y)), 1e-12);
    }

    @Test
    void binaryCrossEntropyValue() {
        double[][] a = {{0.9, 0.2}, {0.3, 0.6}};
        double[][] y = {{1, 0}, {0, 1}};
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.7) + Math.log(0.6));
        assertEquals(expected, Loss.binaryCrossEntropy(Reduction.SUM).forward(rows(a), rows(y)), 1e-12);
    }

    @Test
    void everyGradientMatchesItsNumericalDerivative() {
        double[][] out = {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
        double[][] y = {{0, 1, 0}, {1, 0, 0}};
        for (Loss loss : new Loss[]{Loss.softmaxCrossEntropy(), Loss.categoricalCrossEntropy(),
                Loss.binaryCrossEntropy(Reduction.SUM), Loss.meanSquaredError(), new MeanSquaredError(Reduction.SUM)}) {
            INDArray o = rows(out);
            loss.forward(o, rows(y));
            double[] analytic = loss.backward().dup().data().asDouble();
            double[] flat = o.data().asDouble();
            for (int i = 0; i < flat.length; i++) {
                INDArray plus = rows(out), minus = rows(out);
                plus.data().put(i, flat[i] + 1e-6);
                minus.data().put(i, flat[i] - 1e-6);
                double numerical = (loss.forward(plus, rows(y)) - loss.forward(minus, rows(y))) / 2e-6;
                assertEquals(numerical, analytic[i], 1e-6, loss.name() + " element " + i);
            }
        }
    }

    @Test
    void fusedGradientsAreTheOutputMinusTheTarget() {
        double[][] p = {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
        double[][] y = {{0, 1, 0}, {1, 0, 0}};
        Loss cce = Loss.categoricalCrossEntropy();
        assertTrue(cce.fusesWith(Activation.SOFTMAX));
        cce.forward(rows(p), rows(y));
        assertArrayEquals(new double[]{0.1, -0.25, 0.15, -0.2, 0.05, 0.15}, cce.backwardPreActivation().data().asDouble(), 1e-12);
        Loss bce = Loss.binaryCrossEntropy(Reduction.SUM);
        assertTrue(bce.fusesWith(Activation.SIGMOID));
        bce.forward(rows(p), rows(y));
        assertArrayEquals(new double[]{0.2, -0.5, 0.3, -0.4, 0.1, 0.3}, bce.backwardPreActivation().data().asDouble(), 1e-12);
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.softmaxCrossEntropy().forward(Nd4j.zeros(DataType.FLOAT, 4, 10), Nd4j.zeros(DataType.FLOAT, 4, 9)));
        assertTrue(e.getMessage().contains("[4, 10]") && e.getMessage().contains("[4, 9]"), e.getMessage());
    }

    @Test
    void backwardBeforeForwardIsExplained() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Loss.meanSquaredError().backward());
        assertTrue(e.getMessage().contains("forward"), e.getMessage());
    }

    /** -log softmax(z)[label] computed in double from the definition, with the row's max subtracted. */
    private static double referenceLoss(float[] z, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) max = Math.max(max, v);
        double sum = 0;
        for (float v : z) sum += Math.exp(v - max);
        return -(z[label] - max - Math.log(sum));
    }

    @Test
    void softmaxCrossEntropyIsFiniteAndRightForScoresFarApart() {
        // Row i leads, trails or ties by far more than the ~104 at which float32 softmax underflows to 0; each row's
        // scale differs, so a max taken over the whole batch instead of each row would also fail.
        float[][] z = {{110, 0, 0}, {0, 110, 0}, {1e4f, -1e4f, 0}, {-1000, -1001, -1002}, {3e4f, 3e4f, -3e4f}, {1, 2, 3}};
        int[] labels = {0, 0, 0, 2, 1, 2};
        float[][] y = new float[z.length][3];
        for (int i = 0; i < z.length; i++) y[i][labels[i]] = 1;
        Loss loss = new SoftmaxCrossEntropy(Reduction.SUM);
        double expected = 0;
        for (int i = 0; i < z.length; i++) expected += referenceLoss(z[i], labels[i]);
        double value = loss.forward(Nd4j.createFromArray(z), Nd4j.createFromArray(y));
        assertTrue(Double.isFinite(value), "loss " + value);
        assertEquals(expected, value, 1e-3 * Math.max(1, expected));
        float[][] grad = loss.backward().toFloatMatrix();
        float[][] expectedGrad = {{0, 0, 0}, {-1, 1, 0}, {0, 0, 0}, {0.6652f, 0.2447f, -0.9100f}, {0.5f, -0.5f, 0}, {0.0900f, 0.2447f, -0.3348f}};
        for (int i = 0; i < z.length; i++) assertArrayEquals(expectedGrad[i], grad[i], 1e-4f, "gradient of row " + i);
    }

    @Test
    void aTargetScoreTrailingByAnyAmountGivesItsLoss() {
        Loss loss = new SoftmaxCrossEntropy(Reduction.SUM);
        for (float trail : new float[]{1, 10, 50, 80, 86, 87.5f, 90, 95, 100, 102, 103, 103.5f, 103.9f, 104.5f, 110, 200, 1e4f}) {
            float[][] z = {{trail, 0, 0}};
            double value = loss.forward(Nd4j.createFromArray(z), Nd4j.createFromArray(new float[][]{{0, 1, 0}}));
            // Subnormal probabilities in ND4J's op (see SoftmaxCrossEntropy): exact to 1e-4 elsewhere.
            double tolerance = trail > 87 && trail < 104.5 ? 0.75 : 1e-4 * trail;
            assertEquals(referenceLoss(z[0], 1), value, tolerance, "trailing by " + trail);
        }
    }

    @Test
    void aConfidentCorrectPredictionCostsNothingInTheMeanLoss() {
        Loss loss = Loss.softmaxCrossEntropy();
        double value = loss.forward(Nd4j.createFromArray(new float[][]{{110, 0, 0}}), Nd4j.createFromArray(new float[][]{{1, 0, 0}}));
        assertEquals(0.0, value, 1e-6);
        assertEquals(0, Double.compare(value + 0.0, Math.abs(value)), "prints as 0, not -0: " + value);
        assertArrayEquals(new float[]{0, 0, 0}, loss.backward().toFloatVector(), 1e-6f);
    }

    @Test
    void probabilityLossesStayFiniteAtZeroAndOne() {
        INDArray p = Nd4j.createFromArray(new float[][]{{1, 0, 0}, {0, 1, 0}});
        INDArray y = Nd4j.createFromArray(new float[][]{{1, 0, 0}, {1, 0, 0}});
        for (Loss loss : new Loss[]{Loss.categoricalCrossEntropy(), Loss.binaryCrossEntropy(Reduction.SUM)}) {
            double value = loss.forward(p, y);
            assertTrue(Double.isFinite(value) && value > 5, loss.name() + ": " + value);
            for (float g : loss.backward().data().asFloat()) assertTrue(Float.isFinite(g), loss.name() + " gradient " + g);
        }
    }
}
