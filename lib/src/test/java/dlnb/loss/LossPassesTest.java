package dlnb.loss;

import dlnb.metrics.Accuracy;
import dlnb.ops.Simd;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused Vector API passes of the cross-entropies (float32) against the same formulas in float64: the loss, the
 * gradient before the output activation, and the count of right rows against {@link Accuracy}.
 */
class LossPassesTest {
    private static INDArray oneHot(int rows, int classes, long seed) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, classes);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < rows; i++) y.putScalar(i, r.nextInt(classes), 1f);
        return y;
    }

    private static void check(Loss loss, INDArray out, INDArray y, double expectedLoss, INDArray expectedGradient) {
        assertTrue(Simd.enabled(), "the tests run with --add-modules jdk.incubator.vector");
        double value = loss.forward(out, y);
        assertEquals(expectedLoss, value, 1e-5 * Math.max(1, Math.abs(expectedLoss)), loss.name() + " value");
        INDArray g = (loss instanceof SoftmaxCrossEntropy ? loss.backward() : loss.backwardPreActivation()).castTo(DataType.DOUBLE);
        double worst = g.sub(expectedGradient).amaxNumber().doubleValue();
        assertTrue(worst < 1e-6, loss.name() + " gradient differs by " + worst);
        // Rows of up to one vector (16 classes with AVX-512) take the fused pass, which counts the right rows too.
        long expectedCorrect = out.columns() <= jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length()
                ? Math.round(Accuracy.of(out, y) * out.rows()) : -1;
        assertEquals(expectedCorrect, loss.correct(), loss.name() + " right rows");
    }

    @Test
    void softmaxCrossEntropy() {
        for (int[] shape : new int[][]{{100, 10}, {7, 3}, {1, 20}, {64, 33}}) {
            Nd4j.getRandom().setSeed(shape[0]);
            INDArray z = Nd4j.randn(DataType.FLOAT, shape[0], shape[1]).muli(5), y = oneHot(shape[0], shape[1], 1);
            z.putScalar(0, 0, 150f);   // a row whose scores lie far apart
            INDArray zd = z.castTo(DataType.DOUBLE), yd = y.castTo(DataType.DOUBLE);
            INDArray max = zd.max(1).reshape(-1, 1);
            INDArray shifted = zd.subColumnVector(max);
            INDArray logSum = org.nd4j.linalg.ops.transforms.Transforms.log(org.nd4j.linalg.ops.transforms.Transforms.exp(shifted, true).sum(1), false).reshape(-1, 1);
            INDArray logSoftmax = shifted.subColumnVector(logSum);
            double expected = -yd.mul(logSoftmax).sumNumber().doubleValue() / shape[0];
            INDArray grad = org.nd4j.linalg.ops.transforms.Transforms.exp(logSoftmax, true).subi(yd).divi(shape[0]);
            check(Loss.softmaxCrossEntropy(), z, y, expected, grad);
        }
    }

    @Test
    void categoricalCrossEntropy() {
        for (int[] shape : new int[][]{{100, 10}, {5, 17}}) {
            Nd4j.getRandom().setSeed(shape[1]);
            INDArray p = Nd4j.rand(DataType.FLOAT, shape[0], shape[1]).addi(1e-3f);
            p.diviColumnVector(p.sum(1).reshape(-1, 1));
            p.putScalar(0, 0, 0f);     // a probability of 0 is clipped to 1e-7
            INDArray y = oneHot(shape[0], shape[1], 2), pd = p.castTo(DataType.DOUBLE), yd = y.castTo(DataType.DOUBLE);
            double expected = -yd.mul(org.nd4j.linalg.ops.transforms.Transforms.log(
                    org.nd4j.linalg.ops.transforms.Transforms.max(pd, 1e-7, true), false)).sumNumber().doubleValue() / shape[0];
            check(Loss.categoricalCrossEntropy(), p, y, expected, pd.sub(yd).divi(shape[0]));
        }
    }

    @Test
    void binaryCrossEntropySummed() {
        Nd4j.getRandom().setSeed(9);
        INDArray a = Nd4j.rand(DataType.FLOAT, 500, 10);
        a.putScalar(0, 1f);
        a.putScalar(1, 0f);
        // clipped in float, as the loss clips: 1 - 1e-7 is 0.99999988 in float32
        INDArray y = oneHot(500, 10, 3), ad = org.nd4j.linalg.ops.transforms.Transforms.min(
                org.nd4j.linalg.ops.transforms.Transforms.max(a, 1e-7, true), 1 - 1e-7, false).castTo(DataType.DOUBLE);
        INDArray yd = y.castTo(DataType.DOUBLE);
        double expected = -(yd.mul(org.nd4j.linalg.ops.transforms.Transforms.log(ad, true))
                .add(yd.rsub(1).mul(org.nd4j.linalg.ops.transforms.Transforms.log(ad.rsub(1), false)))).sumNumber().doubleValue();
        check(Loss.binaryCrossEntropy(Reduction.SUM), a, y, expected, a.castTo(DataType.DOUBLE).sub(yd));
    }
}
