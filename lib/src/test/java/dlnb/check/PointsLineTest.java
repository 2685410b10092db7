package dlnb.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PointsLineTest {
    @Test
    void exactFormat() {
        assertEquals("[dlnb-check] grade_id=relu points=1/2", PointsLine.format("relu", 1, 2));
        assertEquals("[dlnb-check] grade_id=adam_step-2 points=1.5/3", PointsLine.format("adam_step-2", 1.5, 3));
        assertEquals("[dlnb-check] grade_id=x points=0/0.25", PointsLine.format("x", 0, 0.25));
    }

    @Test
    void matchesTheDocumentedExpression() {
        String regex = "^\\[dlnb-check\\] grade_id=([A-Za-z0-9_-]+) points=([0-9]+(?:\\.[0-9]+)?)/([0-9]+(?:\\.[0-9]+)?)$";
        assertTrue(PointsLine.format("softmax_cross_entropy", 2.0 / 3, 2).matches(regex));
    }

    @Test
    void rejectsBadIdsAndPoints() {
        assertThrows(IllegalArgumentException.class, () -> PointsLine.format("has space", 1, 2));
        assertThrows(IllegalArgumentException.class, () -> PointsLine.format("relu", 3, 2));
        assertThrows(IllegalArgumentException.class, () -> PointsLine.format("relu", Double.NaN, 2));
    }
}
