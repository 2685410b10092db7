package dlnb.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;

import static dlnb.ops.VectorKernels.S;

/**
 * 2×2 max pooling with stride 2 over NCHW maps narrower than a vector, of any sides (an odd last row or column is
 * left out, as ND4J's valid padding does): W3's second pooling, [64, 64, 11, 11] into [64, 64, 5, 5]. There, inside the
 * training loop: forward 0.21-0.32 ms and backward 0.47-0.67 ms, against 0.36-0.54 and 0.80-1.29 ms for ND4J's
 * maxpool2d and maxpool2d_bp (LayerProfile W3, 6 interleaved runs each).
 * <pre>
 * forward:  y[I, J] = max(x[2I, 2J], x[2I, 2J + 1], x[2I + 1, 2J], x[2I + 1, 2J + 1])
 * backward: dx at the window's first maximum (in the order top-left, top-right, bottom-left, bottom-right) = dy[I, J],
 *           dx = 0 at the window's other three places, and on a left-out row or column
 * </pre>
 * Each map is copied whole into a Java array with a vector to spare, so one vector load takes a row from its start:
 * its first 2·(w/2) lanes are the row's pooled columns, the rest belong to the next row and are never used. The lanes
 * are paired as in {@link MaxPool2x2} (its shuffles and first-maximum rule). The backward pass writes each input row
 * from its start with zeros past the pooled columns; the rows are written in order, so every row ends up holding its
 * own values, and the zeros that spill over are overwritten by the next row.
 */
public final class NarrowMaxPool2x2 implements PoolingPass {
    private final int maps, h, w, ph, pw;
    private final VectorMask<Float> pooledColumns;     // lanes 0 … 2·pw - 1
    private final float[][] inputs, outputs, pooled, gradients;   // per part: one map each, with a vector to spare

    /** Bound to a shape: {@code maps} = batch × channels maps of h × w, both at least 2, w narrower than a vector. */
    public NarrowMaxPool2x2(long maps, long h, long w) {
        if (!fits(h, w)) throw new IllegalArgumentException("narrow 2x2 pooling needs maps at least 2x2 and under " + S.length() + " wide, got " + h + "x" + w);
        this.maps = (int) maps;
        this.h = (int) h;
        this.w = (int) w;
        this.ph = this.h / 2;
        this.pw = this.w / 2;
        pooledColumns = VectorMask.fromLong(S, (1L << (2 * pw)) - 1);
        int parts = Chunks.threadsFor(maps * h * w);
        inputs = new float[parts][this.h * this.w + S.length()];
        outputs = new float[parts][this.h * this.w + S.length()];
        pooled = new float[parts][ph * pw + S.length()];
        gradients = new float[parts][ph * pw + S.length()];
    }

    /** Whether maps of h × w can take these passes (both sides at least 2, rows narrower than a vector). */
    public static boolean fits(long h, long w) {
        return h >= 2 && w >= 2 && w < S.length() && S.length() % 2 == 0 && h * w < Integer.MAX_VALUE / 8;
    }

    @Override
    public boolean takes(INDArray... arrays) {
        return MaxPool2x2.fitsBound((long) maps * h * w, (long) maps * ph * pw, arrays);
    }

    /** y = the 2×2 maxima of x [.., h, w], into y [.., h/2, w/2] (both float32, contiguous). */
    @Override
    public void forward(INDArray x, INDArray y) {
        FloatBuffer xb = FloatBuffers.of(x).asFloatBuffer(), yb = FloatBuffers.of(y).asFloatBuffer();
        Chunks.parts(maps, pooled.length, (part, from, to) -> {
            float[] a = inputs[part], p = pooled[part];
            for (int m = from; m < to; m++) {
                xb.get(m * h * w, a, 0, h * w);
                for (int i = 0; i < ph; i++) {
                    FloatVector v = FloatVector.fromArray(S, a, 2 * i * w).max(FloatVector.fromArray(S, a, (2 * i + 1) * w));
                    MaxPool2x2.pairMax(v).intoArray(p, i * pw);
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
        FloatBuffer xb = FloatBuffers.of(x).asFloatBuffer(), db = FloatBuffers.of(dx).asFloatBuffer();
        FloatBuffer yb = FloatBuffers.of(y).asFloatBuffer(), gb = FloatBuffers.of(dy).asFloatBuffer();
        FloatVector zero = FloatVector.zero(S);
        Chunks.parts(maps, pooled.length, (part, from, to) -> {
            float[] a = inputs[part], d = outputs[part], p = pooled[part], g = gradients[part];
            for (int m = from; m < to; m++) {
                xb.get(m * h * w, a, 0, h * w);
                yb.get(m * ph * pw, p, 0, ph * pw);
                gb.get(m * ph * pw, g, 0, ph * pw);
                for (int i = 0; i < ph; i++) {
                    int top = 2 * i * w, bottom = top + w;
                    FloatVector max = MaxPool2x2.repeatPairs(FloatVector.fromArray(S, p, i * pw));
                    FloatVector grad = zero.blend(MaxPool2x2.repeatPairs(FloatVector.fromArray(S, g, i * pw)), pooledColumns);
                    FloatVector upper = FloatVector.fromArray(S, a, top), lower = FloatVector.fromArray(S, a, bottom);
                    zero.blend(grad, MaxPool2x2.firstInUpperRow(upper, max)).intoArray(d, top);
                    zero.blend(grad, MaxPool2x2.firstInLowerRow(upper, lower, max)).intoArray(d, bottom);
                }
                Arrays.fill(d, 2 * ph * w, h * w, 0f);   // an odd last row
                db.put(m * h * w, d, 0, h * w);
            }
        });
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(y);
        Reference.reachabilityFence(dy);
        Reference.reachabilityFence(dx);
    }
}
