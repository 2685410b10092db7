package dlnb.ops;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each optimizer's Vector API pass against ND4J's updaters and BLAS, over several steps, small and split in chunks. */
class UpdatesTest {
    private interface Binder {
        UpdatePass bind(INDArray p, INDArray g, INDArray s1, INDArray s2);
    }

    private static void same(String what, Binder vector, Binder plain, int n, int threads) {
        Nd4j.getRandom().setSeed(n);
        INDArray p = Nd4j.randn(DataType.FLOAT, n), g = Nd4j.randn(DataType.FLOAT, n);
        INDArray pv = p.dup(), pn = p.dup();
        INDArray[] sv = {Nd4j.zeros(DataType.FLOAT, n), Nd4j.zeros(DataType.FLOAT, n)};
        INDArray[] sn = {Nd4j.zeros(DataType.FLOAT, n), Nd4j.zeros(DataType.FLOAT, n)};
        UpdatePass a = vector.bind(pv, g, sv[0], sv[1]), b = plain.bind(pn, g, sn[0], sn[1]);
        for (int t = 1; t <= 5; t++) {
            a.run(0.01 / t, t, threads);
            b.run(0.01 / t, t, threads);
            g.muli(-0.7).addi(0.01);
        }
        float[] x = pv.toFloatVector(), y = pn.toFloatVector();
        assertTrue(Simd.enabled(), "the tests run with --add-modules jdk.incubator.vector");
        for (int i = 0; i < n; i++) {
            assertTrue(Math.abs(x[i] - y[i]) <= 1e-6 + 1e-5 * Math.abs(y[i]), what + " n=" + n + ": element " + i + " " + x[i] + " vs " + y[i]);
        }
    }

    private static void both(String what, Binder vector, Binder plain) {
        same(what, vector, plain, 1003, 1);
        same(what, vector, plain, 300_001, 2);
    }

    @Test
    void adam() {
        both("Adam", (p, g, m, v) -> VectorUpdates.adam(p, g, m, v, 0.9, 0.999, 1e-8),
                (p, g, m, v) -> Updates.nd4jAdam(p, g, m, v, 0.9, 0.999, 1e-8));
    }

    @Test
    void rmsProp() {
        both("RMSprop", (p, g, s, unused) -> VectorUpdates.rmsProp(p, g, s, 0.9, 1e-7),
                (p, g, s, unused) -> Updates.nd4jRmsProp(p, g, s, 0.9, 1e-7));
    }

    @Test
    void momentumAndNesterov() {
        both("momentum", (p, g, v, unused) -> VectorUpdates.momentum(p, g, v, 0.9, false),
                (p, g, v, unused) -> Updates.nd4jMomentum(p, g, v, 0.9, false));
        both("Nesterov", (p, g, v, unused) -> VectorUpdates.momentum(p, g, v, 0.9, true),
                (p, g, v, unused) -> Updates.nd4jMomentum(p, g, v, 0.9, true));
    }
}
