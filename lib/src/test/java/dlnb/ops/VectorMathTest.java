package dlnb.ops;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorMathTest {
    private static final int L = VectorKernels.S.length();

    private static float ulps(float got, double exact) {
        return (float) (Math.abs(got - exact) / Math.ulp((float) exact));
    }

    @Test
    void expIsWithinTwoUnitsInTheLastPlace() {
        float[] x = new float[L], y = new float[L];
        float worst = 0;
        for (double v = -87; v <= 88; v += 0.0137) {
            for (int i = 0; i < L; i++) x[i] = (float) (v + i * 1e-3);
            VectorMath.exp(FloatVector.fromArray(VectorKernels.S, x, 0)).intoArray(y, 0);
            for (int i = 0; i < L; i++) worst = Math.max(worst, ulps(y[i], Math.exp(x[i])));
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
        float[] edges = new float[L];
        edges[0] = -100;
        edges[1] = 100;
        edges[2] = Float.NEGATIVE_INFINITY;
        edges[3] = 0;
        VectorMath.exp(FloatVector.fromArray(VectorKernels.S, edges, 0)).intoArray(y, 0);
        assertEquals(0f, y[0]);
        assertEquals(Float.POSITIVE_INFINITY, y[1]);
        assertEquals(0f, y[2]);
        assertEquals(1f, y[3]);
    }

    @Test
    void logIsWithinTwoUnitsInTheLastPlace() {
        float[] x = new float[L], y = new float[L];
        float worst = 0;
        for (double v = 1e-37; v < 1e37; v *= 1.0173) {
            for (int i = 0; i < L; i++) x[i] = (float) (v * (1 + i * 1e-4));
            VectorMath.log(FloatVector.fromArray(VectorKernels.S, x, 0)).intoArray(y, 0);
            for (int i = 0; i < L; i++) {
                double exact = Math.log(x[i]);
                if (Math.abs(exact) > 1e-3) worst = Math.max(worst, ulps(y[i], exact));
                else assertTrue(Math.abs(y[i] - exact) < 1e-9, "log near 1: " + x[i]);
            }
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
    }

    /** The JIT compiles a loop after many runs; the fused passes must give the same bits before and after. */
    @Test
    void passesGiveTheSameBitsBeforeAndAfterTheJitCompilesThem() {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.randn(DataType.FLOAT, 64, 10).muli(3), y = Nd4j.zeros(DataType.FLOAT, 64, 10);
        for (int i = 0; i < 64; i++) y.putScalar(i, i % 10, 1f);
        INDArray grad = Nd4j.create(DataType.FLOAT, 64, 10), a = z.dup();
        LossPass loss = VectorLosses.softmaxCrossEntropy(z, y, grad);
        Kernel sigmoid = VectorKernels.apply(Pointwise.SIGMOID, a);
        double first = loss.run(1.0 / 64);
        float[] firstGrad = grad.data().asFloat();
        INDArray original = a.dup();
        sigmoid.run();
        float[] firstSigmoid = a.data().asFloat();
        for (int i = 0; i < 30_000; i++) {
            assertEquals(first, loss.run(1.0 / 64), 0.0, "run " + i);
            a.assign(original);
            sigmoid.run();
        }
        assertArrayEquals(firstGrad, grad.data().asFloat(), 0f);
        assertArrayEquals(firstSigmoid, a.data().asFloat(), 0f);
    }
}
