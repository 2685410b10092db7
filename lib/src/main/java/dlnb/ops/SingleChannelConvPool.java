package dlnb.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;

import static dlnb.ops.VectorKernels.S;

/**
 * A one-channel 3×3 convolution with ReLU and the 2×2 max pooling (stride 2) after it, as one pass each way: the
 * first two layers of the MNIST CNNs. The convolution's output ([64, 32, 26, 26] per W3 batch, 5.5 MB) is never
 * written: the forward pass pools each pair of output rows while they are still in registers, and the backward pass
 * computes them again from the image instead of reading them back.
 * <pre>
 * x [n, 1, h, w], W [3, 3, 1, F], b [F]; z and a = relu(z) as in {@link SingleChannelConv}, [n, F, h - 2, w - 2]
 * forward:  y[n, f, I, J] = max(a[2I, 2J], a[2I, 2J + 1], a[2I + 1, 2J], a[2I + 1, 2J + 1])      (of map n, f)
 * backward: dz = dy[n, f, I, J] at each window's first maximum (top-left, top-right, bottom-left, bottom-right)
 *           where that maximum is positive, else 0                        (MaxPool2x2's rule, then ReLU's a > 0)
 *           dW[p, q, 0, f] = Σ_n Σ_i Σ_j dz[n, f, i, j] · x[n, 0, i + p, j + q],   db[f] = Σ dz[n, f, i, j]
 * </pre>
 * The sums are taken in the same order as the separate passes', so y is the same to the bit and the backward pass
 * finds the maxima again exactly. Each vector covers 16 output columns of two output rows, which read four image
 * rows; its 16 columns pool into 8 outputs ({@link MaxPool2x2}'s shuffles). Outputs must have even sides and rows
 * at least a vector wide ({@link #fits}). No input gradient: a first layer needs none. Both passes write out the
 * loads of their 12 image vectors: a helper cannot hand back twelve vectors without allocating them.
 */
public final class SingleChannelConvPool extends SingleChannelConv {
    private final int ph, pw;
    private final INDArray pooled;
    private final float[][][] pooledMaps;   // per part, per filter: one pooled map, with a vector to spare
    private final float[][] maxima, gradients;
    // per vector position of a pooled map: where it reads the image, its pooled map and its lanes' keeps
    private final int[] imageAt, windowAt, keepAt;

    /** Bound to one batch size: W and b, the pooled output y [n, F, (h - 2) / 2, (w - 2) / 2], dW and db. */
    public SingleChannelConvPool(long batch, long height, long width, INDArray w, INDArray b, INDArray y, INDArray dw, INDArray db) {
        super(batch, height, width, w, b, Pointwise.RELU, null, dw, db);
        if (!fits(batch, height, width, w)) throw new IllegalArgumentException("the fused convolution and pooling need a 3x3 kernel"
                + " and an output of even sides at least " + S.length() + " wide, got " + height + "x" + width);
        this.ph = oh / 2;
        this.pw = ow / 2;
        this.pooled = y;
        imageAt = new int[ph * starts.length];
        windowAt = new int[imageAt.length];
        keepAt = new int[imageAt.length];
        for (int i = 0, k = 0; i < ph; i++) {
            for (int v = 0; v < starts.length; v++, k++) {
                imageAt[k] = 2 * i * this.w + starts[v];
                windowAt[k] = i * pw + starts[v] / 2;
                keepAt[k] = v * S.length();
            }
        }
        int parts = laneSums.length;
        pooledMaps = new float[parts][filters][ph * pw + S.length()];
        maxima = new float[parts][ph * pw + S.length()];
        gradients = new float[parts][ph * pw + S.length()];
    }

    /**
     * Whether images of height × width and weights W [3, 3, 1, F] can take the fused passes: the convolution's
     * output has even sides, its rows at least a vector wide.
     */
    public static boolean fits(long batch, long height, long width, INDArray w) {
        long oh = height - 2, ow = width - 2;
        return w.rank() == 4 && w.size(0) == 3 && w.size(1) == 3 && w.size(2) == 1 && oh > 0 && oh % 2 == 0 && ow % 2 == 0
                && ow >= S.length() && S.length() % 2 == 0 && batch * w.size(3) * oh * ow < Integer.MAX_VALUE / 4;
    }

    /** y = maxpool(relu(conv(x, W) + b)), into the bound y. */
    public void forward(INDArray x) {
        prepare(x);
        FloatBuffer yb = FloatBuffers.of(pooled).asFloatBuffer();
        Chunks.parts(n, laneSums.length, (part, from, to) -> {
            float[][] maps = pooledMaps[part];
            for (int m = from; m < to; m++) {
                forwardImage(m * h * w, maps);
                for (int f = 0; f < filters; f++) yb.put((m * filters + f) * ph * pw, maps[f], 0, ph * pw);
            }
        });
        Reference.reachabilityFence(pooled);
    }

    /**
     * Every filter's pooled map of one image, into {@code maps}: at each vector position the 12 image vectors of
     * four rows are loaded once and serve all filters; each filter sums its two output rows as two chains of nine
     * products (in {@link SingleChannelConv}'s order: x0·w0 + b first, then each next tap added), and their larger
     * values pool in pairs.
     */
    private void forwardImage(int at, float[][] maps) {
        float[] x = image, taps = filterTaps, b = biasValues;
        for (int i = 0; i < ph; i++) {
            for (int c : starts) {
                int p = at + 2 * i * w + c, store = i * pw + c / 2;
                FloatVector a0 = FloatVector.fromArray(S, x, p), a1 = FloatVector.fromArray(S, x, p + 1), a2 = FloatVector.fromArray(S, x, p + 2);
                p += w;
                FloatVector b0 = FloatVector.fromArray(S, x, p), b1 = FloatVector.fromArray(S, x, p + 1), b2 = FloatVector.fromArray(S, x, p + 2);
                p += w;
                FloatVector c0 = FloatVector.fromArray(S, x, p), c1 = FloatVector.fromArray(S, x, p + 1), c2 = FloatVector.fromArray(S, x, p + 2);
                p += w;
                FloatVector d0 = FloatVector.fromArray(S, x, p), d1 = FloatVector.fromArray(S, x, p + 1), d2 = FloatVector.fromArray(S, x, p + 2);
                for (int f = 0, t = 0; f < filters; f++, t += TAPS_PER_PASS) {
                    FloatVector w0 = FloatVector.broadcast(S, taps[t]), w1 = FloatVector.broadcast(S, taps[t + 1]),
                            w2 = FloatVector.broadcast(S, taps[t + 2]), w3 = FloatVector.broadcast(S, taps[t + 3]),
                            w4 = FloatVector.broadcast(S, taps[t + 4]), w5 = FloatVector.broadcast(S, taps[t + 5]),
                            w6 = FloatVector.broadcast(S, taps[t + 6]), w7 = FloatVector.broadcast(S, taps[t + 7]),
                            w8 = FloatVector.broadcast(S, taps[t + 8]), bias = FloatVector.broadcast(S, b[f]);
                    FloatVector top = c2.fma(w8, c1.fma(w7, c0.fma(w6, b2.fma(w5, b1.fma(w4, b0.fma(w3, a2.fma(w2, a1.fma(w1, a0.fma(w0, bias)))))))));
                    FloatVector bottom = d2.fma(w8, d1.fma(w7, d0.fma(w6, c2.fma(w5, c1.fma(w4, c0.fma(w3, b2.fma(w2, b1.fma(w1, b0.fma(w0, bias)))))))));
                    MaxPool2x2.pairMax(top.max(bottom).max(0f)).intoArray(maps[f], store);
                }
            }
        }
    }

    /** dW and db, into the bound gradients, from the batch x (the one forward saw) and dy, the gradient of y. */
    public void backward(INDArray x, INDArray dy) {
        prepare(x);
        FloatBuffer yb = FloatBuffers.of(pooled).asFloatBuffer(), gb = FloatBuffers.of(dy).asFloatBuffer();
        int used = Chunks.parts(n, laneSums.length, (part, from, to) -> {
            float[] lanes = laneSums[part], y = maxima[part], g = gradients[part];
            java.util.Arrays.fill(lanes, 0f);
            for (int m = from; m < to; m++) {
                for (int f = 0; f < filters; f++) {
                    yb.get((m * filters + f) * ph * pw, y, 0, ph * pw);
                    gb.get((m * filters + f) * ph * pw, g, 0, ph * pw);
                    backwardMap(m * h * w, f, y, g, lanes);
                }
            }
        });
        writeGradients(used);
        Reference.reachabilityFence(pooled);
        Reference.reachabilityFence(dy);
    }

    /**
     * One filter's sums over one image: at each vector position its two output rows again, dz where they hold their
     * window's first, positive maximum, then Σ dz · x for the nine taps (each sum on its own register) and Σ dz.
     */
    private void backwardMap(int at, int f, float[] y, float[] g, float[] lanes) {
        float[] x = image, taps = filterTaps;
        int t = f * TAPS_PER_PASS;
        FloatVector bias = FloatVector.broadcast(S, biasValues[f]);
        FloatVector w0 = FloatVector.broadcast(S, taps[t]), w1 = FloatVector.broadcast(S, taps[t + 1]), w2 = FloatVector.broadcast(S, taps[t + 2]),
                w3 = FloatVector.broadcast(S, taps[t + 3]), w4 = FloatVector.broadcast(S, taps[t + 4]), w5 = FloatVector.broadcast(S, taps[t + 5]),
                w6 = FloatVector.broadcast(S, taps[t + 6]), w7 = FloatVector.broadcast(S, taps[t + 7]), w8 = FloatVector.broadcast(S, taps[t + 8]);
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, sb = s0;
        // One flat loop over the vector positions, and no calls inside it: the compiled pass allocated vectors, 34 MB
        // per batch (4 ms) with nested row and column loops, 9.9 MB with one loop, 1 MB with the mask code below
        // written out, 2.2 KB with the final sums written out too (the thread's allocated-bytes counter).
        for (int k = 0; k < windowAt.length; k++) {
            int p = at + imageAt[k], window = windowAt[k];
            FloatVector a0 = FloatVector.fromArray(S, x, p), a1 = FloatVector.fromArray(S, x, p + 1), a2 = FloatVector.fromArray(S, x, p + 2);
            p += w;
            FloatVector b0 = FloatVector.fromArray(S, x, p), b1 = FloatVector.fromArray(S, x, p + 1), b2 = FloatVector.fromArray(S, x, p + 2);
            p += w;
            FloatVector c0 = FloatVector.fromArray(S, x, p), c1 = FloatVector.fromArray(S, x, p + 1), c2 = FloatVector.fromArray(S, x, p + 2);
            p += w;
            FloatVector d0 = FloatVector.fromArray(S, x, p), d1 = FloatVector.fromArray(S, x, p + 1), d2 = FloatVector.fromArray(S, x, p + 2);
            // the two output rows again, in the forward pass's order
            FloatVector top = c2.fma(w8, c1.fma(w7, c0.fma(w6, b2.fma(w5, b1.fma(w4, b0.fma(w3, a2.fma(w2, a1.fma(w1, a0.fma(w0, bias)))))))))
                    .max(0f);
            FloatVector bottom = d2.fma(w8, d1.fma(w7, d0.fma(w6, c2.fma(w5, c1.fma(w4, c0.fma(w3, b2.fma(w2, b1.fma(w1, b0.fma(w0, bias)))))))))
                    .max(0f);
            FloatVector max = MaxPool2x2.repeatPairs(FloatVector.fromArray(S, y, window));
            FloatVector grad = MaxPool2x2.repeatPairs(FloatVector.fromArray(S, g, window));
            // The window's first maximum, as MaxPool2x2.firstInUpperRow and firstInLowerRow find it, written out
            // here, as they were not inlined into this loop. The top row also needs ReLU's a > 0; the bottom row
            // wins only where both top places are below the maximum, and ReLU's outputs are never below 0, so it is
            // above 0.
            FloatVector topPartner = top.rearrange(MaxPool2x2.PARTNER);
            FloatVector topLeft = topPartner.blend(Float.NEGATIVE_INFINITY, MaxPool2x2.EVEN_LANES);
            FloatVector bottomLeft = bottom.rearrange(MaxPool2x2.PARTNER).blend(Float.NEGATIVE_INFINITY, MaxPool2x2.EVEN_LANES);
            VectorMask<Float> upperWins = top.compare(VectorOperators.EQ, max).and(topLeft.compare(VectorOperators.LT, max))
                    .and(top.compare(VectorOperators.GT, 0f));
            VectorMask<Float> lowerWins = bottom.compare(VectorOperators.EQ, max).and(top.max(topPartner).compare(VectorOperators.LT, max))
                    .and(bottomLeft.compare(VectorOperators.LT, max));
            FloatVector keep = FloatVector.fromArray(S, rowKeeps, keepAt[k]);
            FloatVector dzTop = FloatVector.zero(S).blend(grad, upperWins).mul(keep);
            FloatVector dzBottom = FloatVector.zero(S).blend(grad, lowerWins).mul(keep);
            // tap (p, q) reads image row 2i + p for the top output row and 2i + 1 + p for the bottom one
            s0 = b0.fma(dzBottom, a0.fma(dzTop, s0));
            s1 = b1.fma(dzBottom, a1.fma(dzTop, s1));
            s2 = b2.fma(dzBottom, a2.fma(dzTop, s2));
            s3 = c0.fma(dzBottom, b0.fma(dzTop, s3));
            s4 = c1.fma(dzBottom, b1.fma(dzTop, s4));
            s5 = c2.fma(dzBottom, b2.fma(dzTop, s5));
            s6 = d0.fma(dzBottom, c0.fma(dzTop, s6));
            s7 = d1.fma(dzBottom, c1.fma(dzTop, s7));
            s8 = d2.fma(dzBottom, c2.fma(dzTop, s8));
            sb = sb.add(dzTop).add(dzBottom);
        }
        // added here rather than through a call (see above)
        int stride = filters * S.length(), at0 = f * S.length();
        s0.add(FloatVector.fromArray(S, lanes, at0)).intoArray(lanes, at0);
        s1.add(FloatVector.fromArray(S, lanes, at0 + stride)).intoArray(lanes, at0 + stride);
        s2.add(FloatVector.fromArray(S, lanes, at0 + 2 * stride)).intoArray(lanes, at0 + 2 * stride);
        s3.add(FloatVector.fromArray(S, lanes, at0 + 3 * stride)).intoArray(lanes, at0 + 3 * stride);
        s4.add(FloatVector.fromArray(S, lanes, at0 + 4 * stride)).intoArray(lanes, at0 + 4 * stride);
        s5.add(FloatVector.fromArray(S, lanes, at0 + 5 * stride)).intoArray(lanes, at0 + 5 * stride);
        s6.add(FloatVector.fromArray(S, lanes, at0 + 6 * stride)).intoArray(lanes, at0 + 6 * stride);
        s7.add(FloatVector.fromArray(S, lanes, at0 + 7 * stride)).intoArray(lanes, at0 + 7 * stride);
        s8.add(FloatVector.fromArray(S, lanes, at0 + 8 * stride)).intoArray(lanes, at0 + 8 * stride);
        sb.add(FloatVector.fromArray(S, lanes, at0 + 9 * stride)).intoArray(lanes, at0 + 9 * stride);
    }
}
