package dlnb.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MomentumChecksTest {
    @Test
    void bothCommonFormsEarnEveryPoint() {
        assertEquals("2/2", Captured.run(() -> MomentumChecks.momentumStep((p, g, v, lr, mu) -> {
            v.muli(mu).subi(g.mul(lr));
            p.addi(v);
        })).points());
        assertEquals("2/2", Captured.run(() -> MomentumChecks.momentumStep((p, g, v, lr, mu) -> {
            v.muli(mu).addi(g);
            p.subi(v.mul(lr));
        })).points());
    }

    @Test
    void plainSgdPassesTheFirstStepAndIsExplainedLater() {
        Captured c = Captured.run(() -> MomentumChecks.momentumStep((p, g, v, lr, mu) -> {
            v.assign(g.mul(-lr));
            p.subi(g.mul(lr));
        }));
        assertEquals("1/2", c.points());
        assertTrue(c.err().contains("at step 2 your momentum step moved p by"), c.err());
        assertTrue(c.err().contains("that is a plain SGD step"), c.err());
    }

    @Test
    void velocityNotKeptIsExplained() {
        Captured c = Captured.run(() -> MomentumChecks.momentumStep((p, g, v, lr, mu) -> {
            var mine = v.mul(mu).subi(g.mul(lr));
            p.addi(mine);
        }));
        assertTrue(c.err().contains("v is still all zeros"), c.err());
    }

    @Test
    void anExceptionNamesTheExerciseNotTheCheck() {
        Captured c = Captured.run(() -> MomentumChecks.momentumStep((p, g, v, lr, mu) -> {
            throw new IllegalStateException("boom");
        }));
        assertTrue(c.err().contains("on a random gradient [4, 5], lr 0.1, momentum 0.9: your momentum threw IllegalStateException: boom"), c.err());
    }
}
