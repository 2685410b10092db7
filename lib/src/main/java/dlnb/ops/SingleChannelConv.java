package dlnb.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;

import static dlnb.ops.VectorKernels.ORDER;
import static dlnb.ops.VectorKernels.S;

/**
 * A convolution over images of one channel (a network's first layer on MNIST), stride 1, no padding, computed
 * directly on the Vector API: with one input channel each output is a sum of only kH·kW products ("taps"), too few
 * for a matrix product to pay for its copies (ND4J's conv2d ran this layer at 6 GFLOP/s, its larger layers at 80-110).
 * <pre>
 * x [n, 1, h, w], W [kH, kW, 1, F] (W[p, q, 0, f] at (p·kW + q)·F + f), b [F], a and dz [n, F, h - kH + 1, w - kW + 1]
 * forward:   a[n, f, i, j] = act(b[f] + Σ_p Σ_q x[n, 0, i + p, j + q] · W[p, q, 0, f])   act: ReLU or identity
 * backward:  dW[p, q, 0, f] = Σ_n Σ_i Σ_j dz[n, f, i, j] · x[n, 0, i + p, j + q]
 *            db[f] = Σ_n Σ_i Σ_j dz[n, f, i, j]
 * </pre>
 * Each output row is covered by vectors of {@code S.length()} outputs side by side; when the row is not a whole
 * number of vectors, the last vector starts at the row's end minus one vector and overlaps the one before it (the
 * forward pass writes those outputs twice, with the same value; the backward sums leave the overlap out). Rows must
 * therefore be at least one vector wide ({@link #fits}). The pass reads the batch and dz from Java arrays it copies
 * them into (the JIT keeps array loads in registers far better than loads from native memory) and splits the images
 * over the cores. The input gradient dx is not computed: a first layer does not need it. The activation is applied
 * in the same pass, as max(z, floor) with floor 0 for ReLU and -∞ for the identity: a call to the shared
 * activation switch ({@link VectorKernels#apply}) inside this loop was not inlined once that switch had been compiled
 * for every activation, and the loop ran three times slower (0.83 ms became 2.4-3.1 ms per batch of 64, measured;
 * with that switch made smaller it is inlined again, but inside this loop it still ran 2.0-2.3 ms).
 */
public final class SingleChannelConv {
    private final int n, h, w, filters, oh, ow;
    private final int[] tapOffsets;   // where tap (p, q) reads, relative to the output's position in the image
    private final int[] starts;       // the first column of each vector along an output row
    private final float[] lastKeeps;  // per lane of a row's last vector: 0 where the vector before it covers it, else 1
    private final boolean relu;
    private final float floor;
    private final INDArray weights, bias, out, weightGrad, biasGrad;
    private final float[] image, grad, flatWeights, biasValues;
    private final float[][] tapWeights, sums, threes, scratches;

    /**
     * Bound to one batch size: weights W, bias b and the output a [n, F, oh, ow] for the forward pass, their
     * gradients dW and db for the backward pass.
     */
    public SingleChannelConv(long batch, long height, long width, INDArray w, INDArray b, Pointwise act, INDArray out,
                             INDArray dw, INDArray db) {
        this.n = (int) batch;
        this.h = (int) height;
        this.w = (int) width;
        int kh = (int) w.size(0), kw = (int) w.size(1);
        this.filters = (int) w.size(3);
        this.oh = h - kh + 1;
        this.ow = this.w - kw + 1;
        if (!handles(act)) throw new IllegalArgumentException("the direct convolution applies ReLU or the identity, not " + act);
        this.relu = act == Pointwise.RELU;
        this.floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        this.weights = w;
        this.bias = b;
        this.out = out;
        this.weightGrad = dw;
        this.biasGrad = db;
        tapOffsets = new int[kh * kw];
        for (int p = 0; p < kh; p++) {
            for (int q = 0; q < kw; q++) tapOffsets[p * kw + q] = p * this.w + q;
        }
        int whole = ow / S.length(), tail = ow % S.length();
        starts = new int[whole + (tail > 0 ? 1 : 0)];
        for (int v = 0; v < whole; v++) starts[v] = v * S.length();
        if (tail > 0) starts[whole] = ow - S.length();
        lastKeeps = new float[S.length()];
        java.util.Arrays.fill(lastKeeps, tail > 0 ? S.length() - tail : 0, S.length(), 1f);
        image = new float[n * h * this.w];
        grad = new float[(int) out.length()];
        tapWeights = new float[filters][kh * kw];
        int parts = Chunks.threadsFor(out.length());
        sums = new float[parts][kh * kw * filters + filters];
        threes = new float[parts][3];
        scratches = new float[parts][S.length()];
        flatWeights = new float[(int) w.length()];
        biasValues = new float[filters];
    }

    /** Whether the direct passes can apply this activation (ReLU or the identity). */
    public static boolean handles(Pointwise act) {
        return act == Pointwise.RELU || act == Pointwise.IDENTITY;
    }

    /**
     * Whether a convolution can take the direct passes: stride 1, no padding, float32 contiguous arrays (x, W and
     * whatever else the call binds: b, the output, the gradients), one input channel, output rows a vector wide.
     */
    public static boolean fits(int stride, boolean padded, INDArray x, INDArray w, INDArray... others) {
        if (padded || stride != 1 || x.rank() != 4 || x.size(1) != 1 || w.rank() != 4 || w.size(2) != 1) return false;
        if (!FloatBuffers.fits(x) || !FloatBuffers.fits(w) || x.size(3) - w.size(1) + 1 < S.length()) return false;
        for (INDArray a : others) {
            if (!FloatBuffers.fits(a)) return false;
        }
        return true;
    }

    /** a = act(conv(x, W) + b), into the bound output. */
    public void forward(INDArray x) {
        copy(x, image);
        copy(weights, flatWeights);
        copy(bias, biasValues);
        for (int f = 0; f < filters; f++) {
            for (int t = 0; t < tapOffsets.length; t++) tapWeights[f][t] = flatWeights[t * filters + f];
        }
        ByteBuffer ob = FloatBuffers.of(out);
        Chunks.parts(n, sums.length, (part, from, to) -> {
            for (int m = from; m < to; m++) {
                for (int f = 0; f < filters; f++) forwardMap(m * h * w, tapWeights[f], biasValues[f], ob, 4 * (m * filters + f) * oh * ow);
            }
        });
        Reference.reachabilityFence(out);
    }

    /** One output map: the image at {@code at} in {@link #image}, one filter's taps, into bytes from {@code map}. */
    private void forwardMap(int at, float[] taps, float b, ByteBuffer ob, int map) {
        for (int i = 0; i < oh; i += 2) {
            int next = Math.min(i + 1, oh - 1);   // rows in pairs, for two independent sums; an odd last row twice
            for (int j : starts) {
                FloatVector z0 = FloatVector.broadcast(S, b), z1 = z0;
                int row0 = at + i * w + j, row1 = at + next * w + j;
                for (int t = 0; t < taps.length; t++) {
                    FloatVector tap = FloatVector.broadcast(S, taps[t]);
                    z0 = FloatVector.fromArray(S, image, row0 + tapOffsets[t]).fma(tap, z0);
                    z1 = FloatVector.fromArray(S, image, row1 + tapOffsets[t]).fma(tap, z1);
                }
                z0.max(floor).intoByteBuffer(ob, map + 4 * (i * ow + j), ORDER);
                z1.max(floor).intoByteBuffer(ob, map + 4 * (next * ow + j), ORDER);
            }
        }
    }

    /** dW and db, into the bound gradients, from the batch x and dz (already multiplied by the activation's f'). */
    public void backward(INDArray x, INDArray dz) {
        copy(dz, grad);
        weightGradients(x);
    }

    /**
     * dW and db from the batch x and the gradient da of the bound output a: dz = da ⊙ f'(a) (ReLU: da where a > 0,
     * else 0; identity: da) is formed as the pass reads da, so it is never written out to native memory.
     */
    public void backwardFromOutputGradient(INDArray x, INDArray da) {
        if (!relu) {
            backward(x, da);
            return;
        }
        ByteBuffer ab = FloatBuffers.of(out), gb = FloatBuffers.of(da);
        int length = grad.length;
        Chunks.run(length, Chunks.threadsFor(length), S.length(), (from, to) -> {
            int i = from, whole = from + S.loopBound(to - from);
            for (; i < whole; i += S.length()) {
                FloatVector a = FloatVector.fromByteBuffer(S, ab, 4 * i, ORDER);
                FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER).blend(0f, a.compare(VectorOperators.LE, 0f)).intoArray(grad, i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector a = FloatVector.fromByteBuffer(S, ab, 4 * i, ORDER, m);
                FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER, m).blend(0f, a.compare(VectorOperators.LE, 0f)).intoArray(grad, i, m);
            }
        });
        Reference.reachabilityFence(out);
        Reference.reachabilityFence(da);
        weightGradients(x);
    }

    private void weightGradients(INDArray x) {
        copy(x, image);
        int taps = tapOffsets.length;
        int used = Chunks.parts(n, sums.length, (part, from, to) -> {
            float[] sum = sums[part], three = threes[part], scratch = scratches[part];
            java.util.Arrays.fill(sum, 0f);
            for (int m = from; m < to; m++) {
                for (int f = 0; f < filters; f++) {
                    int map = (m * filters + f) * oh * ow;
                    for (int t = 0; t < taps; t += 3) {
                        products(map, m * h * w, t, three, scratch);
                        for (int k = 0; k < 3 && t + k < taps; k++) sum[(t + k) * filters + f] += three[k];
                    }
                    sum[taps * filters + f] += sum(map, scratch);
                }
            }
        });
        float[] total = sums[0];
        for (int part = 1; part < used; part++) {
            for (int k = 0; k < total.length; k++) total[k] += sums[part][k];
        }
        FloatBuffers.of(weightGrad).asFloatBuffer().put(0, total, 0, taps * filters);
        FloatBuffers.of(biasGrad).asFloatBuffer().put(0, total, taps * filters, filters);
        Reference.reachabilityFence(weightGrad);
        Reference.reachabilityFence(biasGrad);
    }

    /**
     * Σ_i Σ_j dz[i, j] · x[image + i·w + j + offset of tap t + k] for three taps k = 0, 1, 2 at once, over one map of
     * dz from {@code map}: each vector of dz is loaded once for three independent sums (a tap past the last reads
     * the first tap's place and its sum is not used).
     */
    private void products(int map, int image, int t, float[] three, float[] scratch) {
        int o0 = image + tapOffsets[t], o1 = image + tapOffsets[Math.min(t + 1, tapOffsets.length - 1)];
        int o2 = image + tapOffsets[Math.min(t + 2, tapOffsets.length - 1)];
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, keeps = FloatVector.fromArray(S, lastKeeps, 0);
        int last = starts.length - 1;
        for (int i = 0; i < oh; i++) {
            for (int v = 0; v < last; v++) {
                int j = starts[v], at = i * w + j;
                FloatVector g = FloatVector.fromArray(S, grad, map + i * ow + j);
                s0 = g.fma(FloatVector.fromArray(S, this.image, o0 + at), s0);
                s1 = g.fma(FloatVector.fromArray(S, this.image, o1 + at), s1);
                s2 = g.fma(FloatVector.fromArray(S, this.image, o2 + at), s2);
            }
            int j = starts[last], at = i * w + j;
            FloatVector g = FloatVector.fromArray(S, grad, map + i * ow + j).mul(keeps);
            s0 = g.fma(FloatVector.fromArray(S, this.image, o0 + at), s0);
            s1 = g.fma(FloatVector.fromArray(S, this.image, o1 + at), s1);
            s2 = g.fma(FloatVector.fromArray(S, this.image, o2 + at), s2);
        }
        three[0] = VectorMath.sum(s0, scratch);
        three[1] = VectorMath.sum(s1, scratch);
        three[2] = VectorMath.sum(s2, scratch);
    }

    /** Σ_i Σ_j dz[i, j] over one map. */
    private float sum(int map, float[] scratch) {
        FloatVector acc = FloatVector.zero(S), keeps = FloatVector.fromArray(S, lastKeeps, 0);
        int last = starts.length - 1;
        for (int i = 0; i < oh; i++) {
            for (int v = 0; v < last; v++) acc = acc.add(FloatVector.fromArray(S, grad, map + i * ow + starts[v]));
            acc = FloatVector.fromArray(S, grad, map + i * ow + starts[last]).fma(keeps, acc);
        }
        return VectorMath.sum(acc, scratch);
    }

    private static void copy(INDArray from, float[] to) {
        FloatBuffers.of(from).asFloatBuffer().get(0, to, 0, (int) from.length());
        Reference.reachabilityFence(from);
    }
}
