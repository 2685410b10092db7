package dlnb.check;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.*;

class AdamChecksTest {
    static void adam(INDArray p, INDArray g, INDArray m, INDArray v, int t, double lr, double b1, double b2, double eps,
                     boolean biasCorrection) {
        m.muli(b1).addi(g.mul(1 - b1));
        v.muli(b2).addi(g.mul(g).muli(1 - b2));
        INDArray mHat = biasCorrection ? m.div(1 - Math.pow(b1, t)) : m.dup();
        INDArray vHat = biasCorrection ? v.div(1 - Math.pow(b2, t)) : v.dup();
        p.subi(mHat.divi(Transforms.sqrt(vHat, false).addi(eps)).muli(lr));
    }

    @Test
    void rightSolutionEarnsEveryPoint() {
        Captured c = Captured.run(() -> AdamChecks.adamStep((p, g, m, v, t, lr, b1, b2, eps) -> adam(p, g, m, v, t, lr, b1, b2, eps, true)));
        assertEquals("3/3", c.points());
    }

    @Test
    void missingBiasCorrectionIsExplained() {
        Captured c = Captured.run(() -> AdamChecks.adamStep((p, g, m, v, t, lr, b1, b2, eps) -> adam(p, g, m, v, t, lr, b1, b2, eps, false)));
        assertEquals("0/3", c.points());
        assertTrue(c.err().contains("at step 1 your adam step moved p by"), c.err());
        assertTrue(c.err().contains("the bias correction is missing"), c.err());
    }

    @Test
    void stateThatIsNotKeptIsExplained() {
        Captured c = Captured.run(() -> AdamChecks.adamStep((p, g, m, v, t, lr, b1, b2, eps) ->
                adam(p, g, m.dup(), v.dup(), t, lr, b1, b2, eps, true)));
        assertTrue(c.err().contains("m is still all zeros"), c.err());
    }

    @Test
    void oneMissingCorrectionIsNamed() {
        Captured c = Captured.run(() -> AdamChecks.adamStep((p, g, m, v, t, lr, b1, b2, eps) -> {
            m.muli(b1).addi(g.mul(1 - b1));
            v.muli(b2).addi(g.mul(g).muli(1 - b2));
            p.subi(m.div(Transforms.sqrt(v.div(1 - Math.pow(b2, t)), false).addi(eps)).muli(lr));
        }));
        assertTrue(c.err().contains("m's bias correction is missing"), c.err());
    }
}
