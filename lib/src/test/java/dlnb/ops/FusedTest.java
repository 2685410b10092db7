package dlnb.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each Vector API pass against the same computation in plain ND4J operations, on random values and on the edges (zero,
 * large magnitudes, a row shorter than a vector, a tail that does not fill one).
 */
class FusedTest {
    private static INDArray inputs(long seed, int rows, int cols) {
        Nd4j.getRandom().setSeed(seed);
        INDArray z = Nd4j.randn(DataType.FLOAT, rows, cols).muli(4);
        z.putScalar(0, 0, 0f);
        if (z.length() > 3) {
            z.putScalar(1, 90f);    // e^-z and e^z at the ends of float's range
            z.putScalar(2, -90f);
            z.putScalar(3, 1e-7f);
        }
        return z;
    }

    /**
     * Equal up to float rounding: |difference| ≤ 1e-6 + 2e-6·|expected|. The absolute part covers values near 0,
     * where ND4J's tanh and e^z - 1 lose digits that the Vector API's TANH and EXPM1 keep.
     */
    private static void close(INDArray expected, INDArray actual, String what) {
        assertTrue(Simd.enabled(), "the tests run with --add-modules jdk.incubator.vector");
        double[] e = expected.castTo(DataType.DOUBLE).dup().data().asDouble(), a = actual.castTo(DataType.DOUBLE).dup().data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= 1e-6 + 2e-6 * Math.abs(e[i]),
                    what + ": element " + i + " is " + a[i] + ", ND4J gives " + e[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(Pointwise.class)
    void applyMatchesNd4j(Pointwise f) {
        for (int[] shape : new int[][]{{100, 50}, {7, 3}, {1, 1}, {33, 17}}) {
            INDArray z = inputs(1, shape[0], shape[1]);
            INDArray vector = z.dup(), plain = z.dup();
            VectorKernels.apply(f, vector).run();
            Fused.nd4jApply(f, plain).run();
            close(plain, vector, f + " " + shape[0] + "x" + shape[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(Pointwise.class)
    void biasThenApplyMatchesNd4j(Pointwise f) {
        // 13 and 70 columns: the bias pattern wraps mid-vector; 4001x70 is split over threads
        for (int[] shape : new int[][]{{100, 50}, {500, 70}, {3, 10}, {1, 33}, {300, 13}, {2, 7}, {4001, 70}}) {
            INDArray z = inputs(2, shape[0], shape[1]), b = inputs(3, 1, shape[1]);
            INDArray vector = z.dup(), plain = z.dup();
            VectorKernels.biasApply(f, vector, b).run();
            Fused.nd4jBiasApply(f, plain, b).run();
            close(plain, vector, f + " with bias " + shape[0] + "x" + shape[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(Pointwise.class)
    void gradientFromTheOutputMatchesNd4j(Pointwise f) {
        for (int[] shape : new int[][]{{100, 50}, {7, 3}, {33, 17}}) {
            INDArray a = inputs(4, shape[0], shape[1]);
            Fused.nd4jApply(f, a).run();
            INDArray g = inputs(5, shape[0], shape[1]);
            INDArray vector = Nd4j.create(DataType.FLOAT, shape[0], shape[1]), plain = vector.dup();
            VectorKernels.gradient(f, a, g, vector).run();
            Fused.nd4jGradient(f, a, g, plain).run();
            close(plain, vector, f + " gradient " + shape[0] + "x" + shape[1]);
            INDArray inPlace = g.dup();
            VectorKernels.gradient(f, a, inPlace, inPlace).run();
            close(plain, inPlace, f + " gradient in place");
        }
    }

    @Test
    void softmaxRowsMatchesNd4j() {
        for (int[] shape : new int[][]{{100, 10}, {3, 40}, {1, 1}, {64, 10}}) {
            INDArray z = inputs(6, shape[0], shape[1]);
            INDArray vector = z.dup(), plain = z.dup();
            VectorKernels.softmaxRows(vector).run();
            Kernels.softmax(plain, plain).run();
            close(plain, vector, "softmax " + shape[0] + "x" + shape[1]);
        }
    }

    @Test
    void viewsAndOtherTypesTakeTheNd4jPath() {
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 4, 5);
        assertTrue(!FloatBuffers.fits(doubles));
        INDArray column = Nd4j.rand(DataType.FLOAT, 4, 5).getColumn(1);
        assertTrue(!FloatBuffers.fits(column), "a strided view is not contiguous");
        Fused.apply(Pointwise.SIGMOID, doubles).run();
        assertTrue(doubles.maxNumber().doubleValue() < 1);
    }
}
