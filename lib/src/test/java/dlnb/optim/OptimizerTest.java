package dlnb.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two steps of each optimizer against values worked out by hand from its formula. */
class OptimizerTest {
    private static final double[] P0 = {1.0, -2.0, 0.5};
    private static final double[] G1 = {0.1, -0.2, 0.3};
    private static final double[] G2 = {-0.3, 0.1, 0.2};

    private static double[] twoSteps(Optimizer opt) {
        INDArray p = Nd4j.createFromArray(P0).castTo(DataType.FLOAT);
        INDArray g = Nd4j.createFromArray(G1).castTo(DataType.FLOAT);
        opt.update(p, g);
        g.assign(Nd4j.createFromArray(G2).castTo(DataType.FLOAT));
        opt.update(p, g);
        return p.toDoubleVector();
    }

    @Test
    void sgd() {
        double lr = 0.1;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) expected[i] = P0[i] - lr * G1[i] - lr * G2[i];
        assertArrayEquals(expected, twoSteps(new Sgd(lr)), 1e-6);
    }

    @Test
    void momentum() {
        double lr = 0.1, mu = 0.9;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double v1 = -lr * G1[i];
            double v2 = mu * v1 - lr * G2[i];
            expected[i] = P0[i] + v1 + v2;
        }
        assertArrayEquals(expected, twoSteps(new Momentum(lr, mu)), 1e-6);
    }

    @Test
    void nesterov() {
        double lr = 0.1, mu = 0.9;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double v1 = -lr * G1[i];
            double p1 = P0[i] + mu * v1 - lr * G1[i];
            double v2 = mu * v1 - lr * G2[i];
            expected[i] = p1 + mu * v2 - lr * G2[i];
        }
        assertArrayEquals(expected, twoSteps(Momentum.nesterov(lr, mu)), 1e-6);
    }

    @Test
    void rmsProp() {
        double lr = 0.01, rho = 0.9, eps = 1e-7;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double s1 = (1 - rho) * G1[i] * G1[i];
            double p1 = P0[i] - lr * G1[i] / (Math.sqrt(s1) + eps);
            double s2 = rho * s1 + (1 - rho) * G2[i] * G2[i];
            expected[i] = p1 - lr * G2[i] / (Math.sqrt(s2) + eps);
        }
        assertArrayEquals(expected, twoSteps(new RmsProp(lr, rho, eps)), 1e-5);
    }

    @Test
    void adam() {
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double m = 0, v = 0, p = P0[i];
            double[] gs = {G1[i], G2[i]};
            for (int t = 1; t <= 2; t++) {
                double g = gs[t - 1];
                m = b1 * m + (1 - b1) * g;
                v = b2 * v + (1 - b2) * g * g;
                double rate = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                p -= rate * m / (Math.sqrt(v) + eps);
            }
            expected[i] = p;
        }
        assertArrayEquals(expected, twoSteps(new Adam(lr, b1, b2, eps)), 1e-6);
    }

    @Test
    void aNewGradientArrayEachStepIsReadAndTheStateKept() {
        for (Optimizer o : new Optimizer[]{new Adam(0.01), new RmsProp(0.01), new Momentum(0.1, 0.9)}) {
            Optimizer same = Optimizer.fromConfig(o.config());
            INDArray p1 = Nd4j.createFromArray(P0).castTo(DataType.FLOAT), p2 = p1.dup();
            INDArray g = Nd4j.createFromArray(G1).castTo(DataType.FLOAT);
            o.update(p1, g);
            same.update(p2, g.dup());
            g.assign(Nd4j.createFromArray(G2).castTo(DataType.FLOAT));
            o.update(p1, g);
            same.update(p2, g.dup());
            assertArrayEquals(p1.toFloatVector(), p2.toFloatVector(), 0f, o.name());
            assertEquals(2, same.steps());
        }
    }

    @Test
    void adamLeavesTheGradientsAlone() {
        INDArray p = Nd4j.createFromArray(P0).castTo(DataType.FLOAT);
        INDArray g = Nd4j.createFromArray(G1).castTo(DataType.FLOAT);
        new Adam().update(p, g);
        assertArrayEquals(G1, g.toDoubleVector(), 1e-7);
    }

    @Test
    void impossibleSettingsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(0));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(-0.001));
        assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new RmsProp(0.001, 0.9, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).setLearningRate(-1));
    }

    @Test
    void schedules() {
        assertEquals(0.1, LearningRateSchedule.constant().rate(7, 0.1));
        assertEquals(0.1, LearningRateSchedule.exponential(0.9).rate(0, 0.1), "the first epoch keeps the rate");
        assertEquals(0.1 * 0.9, LearningRateSchedule.exponential(0.9).rate(2, 0.1), 1e-12, "later epochs multiply the current rate");
        assertEquals(0.001 / (1 + 1e-5 * 35), LearningRateSchedule.inverseTime(0.001, 1e-5).rate(35, 0.5), 1e-15);
        assertEquals(0.1 * 0.5, LearningRateSchedule.step(0.1, 0.5, 10).rate(19, 0.3), 1e-12);
        assertEquals(0.1 * 0.25, LearningRateSchedule.step(0.1, 0.5, 10).rate(20, 0.3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(1.5));
    }

    @Test
    void configsRebuildEqualOptimizersAndStateRoundTrips() {
        for (Optimizer o : new Optimizer[]{new Sgd(0.1), new Momentum(0.1, 0.9), Momentum.nesterov(0.05, 0.8), new RmsProp(), new Adam(0.002)}) {
            Optimizer copy = Optimizer.fromConfig(o.config());
            assertEquals(o.config(), copy.config());
            INDArray p = Nd4j.createFromArray(1f, 2f, 3f), g = Nd4j.createFromArray(0.5f, -1f, 2f);
            o.update(p, g);
            INDArray p2 = p.dup();
            copy.prepare(p2, g);
            copy.restoreState(o.state(), o.steps());
            o.update(p, g);
            copy.update(p2, g);
            assertArrayEquals(p.toFloatVector(), p2.toFloatVector(), 0f, o.name() + ": restored state gives the same next step");
        }
    }
}
