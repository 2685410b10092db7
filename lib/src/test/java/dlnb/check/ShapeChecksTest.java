package dlnb.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ShapeChecksTest {
    static long side(long in, int window, int stride, String padding) {
        return padding.equals("same") ? (in + stride - 1) / stride : (in - window) / stride + 1;
    }

    static long[] conv(long[] in, int filters, int k, int stride, String padding) {
        return new long[]{filters, side(in[1], k, stride, padding), side(in[2], k, stride, padding)};
    }

    static long[] pool(long[] in, int k, int stride, String padding) {
        return new long[]{in[0], side(in[1], k, stride, padding), side(in[2], k, stride, padding)};
    }

    @Test
    void rightSolutionsEarnEveryPoint() {
        assertEquals("2/2", Captured.run(() -> ShapeChecks.convOutputShape(ShapeChecksTest::conv)).points());
        assertEquals("1/1", Captured.run(() -> ShapeChecks.poolOutputShape(ShapeChecksTest::pool)).points());
    }

    @Test
    void flooredSamePaddingIsExplained() {
        Captured c = Captured.run(() -> ShapeChecks.convOutputShape((in, f, k, s, p) -> p.equals("same")
                ? new long[]{f, in[1] / s, in[2] / s} : conv(in, f, k, s, p)));
        assertEquals("1/2", c.points());
        assertTrue(c.err().contains("same padding, on input [8, 7, 7], 4 filters, kernel 3×3, stride 2: your conv output shape "
                + "returned [4, 3, 3] (expected [4, 4, 4]): with same padding the output is in / stride, rounded up"), c.err());
    }

    @Test
    void missingStrideAndChannelsAreExplained() {
        Captured c = Captured.run(() -> ShapeChecks.poolOutputShape((in, k, s, p) -> pool(in, k, 1, p)));
        assertEquals("0/1", c.points());
        assertTrue(c.err().contains("returned [32, 25, 25] (expected [32, 13, 13]): the stride is missing"), c.err());

        Captured channels = Captured.run(() -> ShapeChecks.convOutputShape((in, f, k, s, p) -> {
            long[] shape = conv(in, f, k, s, p);
            shape[0] = in[0];
            return shape;
        }));
        assertTrue(channels.err().contains("one output map per filter (32)"), channels.err());
    }
}
