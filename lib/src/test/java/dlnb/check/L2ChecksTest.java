package dlnb.check;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class L2ChecksTest {
    static double penalty(Map<String, INDArray> params, double lambda2) {
        double sum = 0;
        for (var e : params.entrySet()) {
            if (e.getKey().startsWith("W")) sum += e.getValue().mul(e.getValue()).sumNumber().doubleValue();
        }
        return lambda2 * 0.5 * sum;
    }

    static Map<String, INDArray> gradient(Map<String, INDArray> params, double lambda2) {
        Map<String, INDArray> g = new LinkedHashMap<>();
        params.forEach((k, w) -> g.put(k, k.startsWith("W") ? w.mul(lambda2) : w.mul(0)));
        return g;
    }

    static double share(INDArray a, INDArray y, double penalty) {
        double logLoss = -(y.mul(Transforms.log(a, true)).addi(y.rsub(1).muli(Transforms.log(a.rsub(1), false))))
                .sumNumber().doubleValue();
        return penalty / (logLoss + penalty);
    }

    @Test
    void rightSolutionsEarnEveryPoint() {
        assertEquals("1/1", Captured.run(() -> L2Checks.l2Penalty((p, l) -> penalty(p, l))).points());
        assertEquals("1/1", Captured.run(() -> L2Checks.l2Gradient((p, l) -> gradient(p, l))).points());
        assertEquals("1/1", Captured.run(() -> L2Checks.penaltyShare(L2ChecksTest::share)).points());
    }

    @Test
    void penalisedBiasesAreExplained() {
        Captured p = Captured.run(() -> L2Checks.l2Penalty((params, l) -> {
            double sum = 0;
            for (INDArray v : params.values()) sum += v.mul(v).sumNumber().doubleValue();
            return l * 0.5 * sum;
        }));
        assertEquals("0/1", p.points());
        assertTrue(p.err().contains("the biases are included; the L2 penalty is on the weights (W1, W2, …) only"), p.err());

        Captured g = Captured.run(() -> L2Checks.l2Gradient((params, l) -> {
            Map<String, INDArray> out = new LinkedHashMap<>();
            params.forEach((k, w) -> out.put(k, w.mul(l)));
            return out;
        }));
        assertTrue(g.err().contains("your l2 gradient for b1 returned"), g.err());
        assertTrue(g.err().contains("the biases are not penalised"), g.err());

        Captured missing = Captured.run(() -> L2Checks.l2Gradient((params, l) -> {
            Map<String, INDArray> out = new LinkedHashMap<>();
            params.forEach((k, w) -> { if (k.startsWith("W")) out.put(k, w.mul(l)); });
            return out;
        }));
        assertTrue(missing.err().contains("has no entry for \"b1\""), missing.err());
    }

    @Test
    void meanLogLossIsExplained() {
        Captured c = Captured.run(() -> L2Checks.penaltyShare((a, y, p) -> {
            double full = share(a, y, p);
            double logLoss = p / full - p;
            return p / (logLoss / a.size(0) + p);
        }));
        assertEquals("0/1", c.points());
        assertTrue(c.err().contains("the log loss is averaged over the batch"), c.err());
    }
}
