package dlnb.check;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

class ActivationChecksTest {
    static INDArray sigmoid(INDArray z) {
        return Transforms.sigmoid(z, true);
    }

    static INDArray sigmoidBackward(INDArray a, INDArray grad) {
        return grad.mul(a.mul(a.rsub(1)));
    }

    static INDArray relu(INDArray z) {
        return Transforms.relu(z, true);
    }

    static INDArray reluBackward(INDArray a, INDArray grad) {
        return grad.mul(a.gt(0).castTo(grad.dataType()));
    }

    static <T> T stub() {
        throw new UnsupportedOperationException("your code here");
    }

    @Test
    void rightSolutionsEarnEveryPoint() {
        Captured sig = Captured.run(() -> ActivationChecks.sigmoid(ActivationChecksTest::sigmoid, ActivationChecksTest::sigmoidBackward));
        assertEquals("2/2", sig.points());
        assertTrue(sig.out().contains("✔ sigmoid forward: passed (5 inputs)"), sig.out());
        assertEquals("", sig.err());
        Captured relu = Captured.run(() -> ActivationChecks.relu(ActivationChecksTest::relu, ActivationChecksTest::reluBackward));
        assertEquals("2/2", relu.points());
    }

    @Test
    void theStubIsNotWrittenYet() {
        UnaryOperator<INDArray> f = z -> stub();
        BinaryOperator<INDArray> b = (a, g) -> stub();
        Captured c = Captured.run(() -> ActivationChecks.relu(f, b));
        assertEquals("0/2", c.points());
        assertTrue(c.err().contains("✘ relu forward, on random values [8, 10]: not written yet"), c.err());
        assertTrue(c.err().contains("still throws \"your code here\""), c.err());
    }

    @Test
    void reluBackwardThatIgnoresTheOutputIsExplained() {
        Captured c = Captured.run(() -> ActivationChecks.relu(ActivationChecksTest::relu, (a, g) -> g.dup()));
        assertEquals("1/2", c.points());
        assertTrue(c.err().contains("✘ relu backward, on random values [8, 10]: your relu backward returned"), c.err());
        assertTrue(c.err().contains("where the input was negative or zero (its output a is 0): the gradient there must be 0"), c.err());
        assertTrue(c.err().contains("your result is grad unchanged everywhere (is the mask [a > 0] missing, or true where a is 0?)"), c.err());
    }

    @Test
    void sigmoidThatOverflowsIsCaughtOnLargeInputs() {
        UnaryOperator<INDArray> naive = z -> {
            INDArray e = Transforms.exp(z, true);
            return e.div(e.add(1));
        };
        Captured c = Captured.run(() -> ActivationChecks.sigmoid(naive, ActivationChecksTest::sigmoidBackward));
        assertEquals("1/2", c.points());
        assertTrue(c.err().contains("on large magnitudes (about ±1000) [4, 6]: your sigmoid forward returned NaN at"), c.err());
        assertTrue(c.err().contains("exp overflows"), c.err());
    }

    @Test
    void sigmoidBackwardFromTheInputFormulaIsExplained() {
        BinaryOperator<INDArray> again = (a, g) -> {
            INDArray s = Transforms.sigmoid(a, true);
            return g.mul(s.mul(s.rsub(1)));
        };
        Captured c = Captured.run(() -> ActivationChecks.sigmoid(ActivationChecksTest::sigmoid, again));
        assertTrue(c.err().contains("applied the sigmoid to a again"), c.err());
    }

    @Test
    void wrongShapeExceptionsAndLoopsAreReportedAndTheCellEnds() {
        System.setProperty("dlnb.check.seconds", "0.5");
        try {
            UnaryOperator<INDArray> transposed = z -> relu(z).transpose();
            BinaryOperator<INDArray> loops = (a, g) -> {
                while (a != null) Thread.onSpinWait();
                return g;
            };
            Captured c = Captured.run(() -> ActivationChecks.relu(transposed, loops));
            assertEquals("0/2", c.points());
            assertTrue(c.err().contains("your relu forward returned an array of shape [10, 8], expected [8, 10]"), c.err());
            assertTrue(c.err().contains("your relu backward did not finish within 0.5 s (an endless loop?)"), c.err());

            UnaryOperator<INDArray> npe = z -> {
                INDArray none = null;
                return none.add(1);
            };
            Captured n = Captured.run(() -> ActivationChecks.sigmoid(npe, (a, g) -> {
                throw new IllegalStateException("shapes do not match");
            }));
            assertTrue(n.err().contains("your sigmoid forward threw NullPointerException"), n.err());
            assertTrue(n.err().contains("your sigmoid backward threw IllegalStateException: shapes do not match"), n.err());
        } finally {
            System.clearProperty("dlnb.check.seconds");
        }
    }
}
