package dlnb.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import static dlnb.ops.VectorKernels.ORDER;
import static dlnb.ops.VectorKernels.S;

/**
 * 2×2 max pooling with stride 2 over NCHW maps of even height and width, as Vector API passes. On W3's first
 * pooling, [64, 32, 26, 26], inside the training loop: forward 0.31-0.42 ms and backward 0.64-0.90 ms, against
 * 0.60-0.79 and 1.29-1.59 ms for ND4J's maxpool2d and maxpool2d_bp (LayerProfile W3, 3 interleaved runs each).
 * <pre>
 * forward:  y[I, J] = max(x[2I, 2J], x[2I, 2J + 1], x[2I + 1, 2J], x[2I + 1, 2J + 1])
 * backward: dx at the window's first maximum (in the order top-left, top-right, bottom-left, bottom-right) = dy[I, J],
 *           dx = 0 at the window's other three places
 * </pre>
 * A vector covers 16 columns of two input rows: their larger values, lane by lane, then the larger of each column
 * pair (the even lanes against the odd ones, one shuffle each) give 8 outputs. Rows are covered as in
 * {@link SingleChannelConv}: vectors side by side, the last one ending at the row's end (overlapping the one before,
 * which is harmless: both write the same values). The backward pass repeats each of 8 outputs and gradients twice
 * (one shuffle) to line them up with the input columns, and finds the first maximum from which places equal y.
 * Each map is pooled into a small Java array first, so that a vector's 8 unused lanes never reach past the output.
 */
public final class MaxPool2x2 implements PoolingPass {
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(S, i -> (2 * i) % S.length());
    private static final VectorShuffle<Float> ODDS = VectorShuffle.fromOp(S, i -> (2 * i + 1) % S.length());
    private static final VectorShuffle<Float> PAIRS = VectorShuffle.fromOp(S, i -> i / 2);
    static final VectorShuffle<Float> PARTNER = VectorShuffle.fromOp(S, i -> i ^ 1);
    static final VectorMask<Float> EVEN_LANES = VectorMask.fromLong(S, 0x5555_5555_5555_5555L);

    private final int maps, h, w, ph, pw;
    private final int[] starts;          // the first input column of each vector along a row (even)
    private final float[][] pooled, gradients;   // per part: one map of y, and one map of dy, with a vector to spare

    /** Bound to a shape: {@code maps} = batch × channels maps of h × w, both even, w at least one vector. */
    public MaxPool2x2(long maps, long h, long w) {
        if (!fits(h, w)) throw new IllegalArgumentException("2x2 pooling passes need even maps at least " + S.length() + " wide, got " + h + "x" + w);
        this.maps = (int) maps;
        this.h = (int) h;
        this.w = (int) w;
        this.ph = this.h / 2;
        this.pw = this.w / 2;
        int whole = this.w / S.length();
        boolean tail = this.w % S.length() != 0;
        starts = new int[whole + (tail ? 1 : 0)];
        for (int v = 0; v < whole; v++) starts[v] = v * S.length();
        if (tail) starts[whole] = this.w - S.length();
        int parts = Chunks.threadsFor(maps * h * w);
        pooled = new float[parts][ph * pw + S.length()];
        gradients = new float[parts][ph * pw + S.length()];
    }

    /** Whether maps of h × w can take these passes (even sides, rows at least a vector wide, S.length() even). */
    public static boolean fits(long h, long w) {
        return h % 2 == 0 && w % 2 == 0 && w >= S.length() && S.length() % 2 == 0 && h * w < Integer.MAX_VALUE / 8;
    }

    @Override
    public boolean takes(INDArray... arrays) {
        return fitsBound((long) maps * h * w, (long) maps * ph * pw, arrays);
    }

    /** Whether every array is float32, contiguous, and of the bound input's or output's length. */
    static boolean fitsBound(long inputLength, long outputLength, INDArray... arrays) {
        for (INDArray a : arrays) {
            boolean bound = a.length() == inputLength || a.length() == outputLength;
            if (!bound || !FloatBuffers.fits(a)) return false;
        }
        return true;
    }

    /** y = the 2×2 maxima of x [.., h, w], into y [.., h/2, w/2] (both float32, contiguous). */
    @Override
    public void forward(INDArray x, INDArray y) {
        ByteBuffer xb = FloatBuffers.of(x);
        FloatBuffer yb = FloatBuffers.of(y).asFloatBuffer();
        Chunks.parts(maps, pooled.length, (part, from, to) -> {
            float[] p = pooled[part];
            for (int m = from; m < to; m++) {
                int map = 4 * m * h * w;
                for (int i = 0; i < ph; i++) {
                    int top = map + 4 * 2 * i * w, bottom = top + 4 * w;
                    for (int c : starts) {
                        FloatVector v = FloatVector.fromByteBuffer(S, xb, top + 4 * c, ORDER)
                                .max(FloatVector.fromByteBuffer(S, xb, bottom + 4 * c, ORDER));
                        pairMax(v).intoArray(p, i * pw + c / 2);
                    }
                }
                yb.put(m * ph * pw, p, 0, ph * pw);
            }
        });
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(y);
    }

    /** dx [.., h, w] from x, its pooled y and dy [.., h/2, w/2]: dy at each window's first maximum, 0 elsewhere. */
    @Override
    public void backward(INDArray x, INDArray y, INDArray dy, INDArray dx) {
        ByteBuffer xb = FloatBuffers.of(x), db = FloatBuffers.of(dx);
        FloatBuffer yb = FloatBuffers.of(y).asFloatBuffer(), gb = FloatBuffers.of(dy).asFloatBuffer();
        Chunks.parts(maps, pooled.length, (part, from, to) -> {
            float[] p = pooled[part], g = gradients[part];
            for (int m = from; m < to; m++) {
                yb.get(m * ph * pw, p, 0, ph * pw);
                gb.get(m * ph * pw, g, 0, ph * pw);
                int map = 4 * m * h * w;
                for (int i = 0; i < ph; i++) {
                    int top = map + 4 * 2 * i * w, bottom = top + 4 * w;
                    for (int c : starts) {
                        int at = i * pw + c / 2;
                        FloatVector max = repeatPairs(FloatVector.fromArray(S, p, at));
                        FloatVector grad = repeatPairs(FloatVector.fromArray(S, g, at));
                        FloatVector upper = FloatVector.fromByteBuffer(S, xb, top + 4 * c, ORDER);
                        FloatVector lower = FloatVector.fromByteBuffer(S, xb, bottom + 4 * c, ORDER);
                        FloatVector.zero(S).blend(grad, firstInUpperRow(upper, max)).intoByteBuffer(db, top + 4 * c, ORDER);
                        FloatVector.zero(S).blend(grad, firstInLowerRow(upper, lower, max)).intoByteBuffer(db, bottom + 4 * c, ORDER);
                    }
                }
            }
        });
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(y);
        Reference.reachabilityFence(dy);
        Reference.reachabilityFence(dx);
    }

    /** The larger of each pair of lanes (2k, 2k + 1) of v, in lanes 0 … 7 (the other lanes hold copies). */
    static FloatVector pairMax(FloatVector v) {
        return v.rearrange(EVENS).max(v.rearrange(ODDS));
    }

    /** Lanes 0 … 7 of v, each twice, lined up with the 16 input columns they pool. */
    static FloatVector repeatPairs(FloatVector v) {
        return v.rearrange(PAIRS);
    }

    /**
     * Of the upper row's places, those that hold their window's first maximum: equal to it, and, for a right-hand
     * place, with a left-hand neighbour below it. Comparisons only: in Java 17 a mask's andNot() calls not() through
     * a call the compiler does not inline, and the mask is then allocated.
     */
    static VectorMask<Float> firstInUpperRow(FloatVector upper, FloatVector max) {
        FloatVector left = upper.rearrange(PARTNER).blend(Float.NEGATIVE_INFINITY, EVEN_LANES);
        return upper.compare(VectorOperators.EQ, max).and(left.compare(VectorOperators.LT, max));
    }

    /** Likewise for the lower row, whose places come after both upper ones: only where both are below the maximum. */
    static VectorMask<Float> firstInLowerRow(FloatVector upper, FloatVector lower, FloatVector max) {
        FloatVector above = upper.max(upper.rearrange(PARTNER));
        FloatVector left = lower.rearrange(PARTNER).blend(Float.NEGATIVE_INFINITY, EVEN_LANES);
        return lower.compare(VectorOperators.EQ, max).and(above.compare(VectorOperators.LT, max)).and(left.compare(VectorOperators.LT, max));
    }
}
