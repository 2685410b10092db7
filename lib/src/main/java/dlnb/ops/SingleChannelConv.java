package dlnb.ops;

import jdk.incubator.vector.FloatVector;
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
 * therefore be at least one vector wide ({@link #fits}). The passes read the batch from a Java array they copy it
 * into (the JIT keeps array loads in registers far better than loads from native memory), and one map of dz at a
 * time from a small Java array, and split the images over the cores. The backward pass sums nine taps and db over
 * each map at once, each sum on its own register, and adds lanes together only once at the end (three taps at a
 * time with a lane sum per map took 1.33-1.49 ms per W3 batch inside the training loop; this takes 0.88-1.02 ms).
 * The input gradient dx is not computed: a first layer does not need it. The activation is applied
 * in the same pass, as max(z, floor) with floor 0 for ReLU and -∞ for the identity: a call to the shared
 * activation switch ({@link VectorKernels#apply}) inside this loop was not inlined once that switch had been compiled
 * for every activation, and the loop ran three times slower (0.83 ms became 2.4-3.1 ms per batch of 64, measured;
 * with that switch made smaller it is inlined again, but inside this loop it still ran 2.0-2.3 ms).
 */
public class SingleChannelConv {
    final int n, h, w, filters, oh, ow;
    private final int[] tapOffsets;   // where tap (p, q) reads, relative to the output's position in the image
    final int[] starts;               // the first column of each vector along an output row
    private final boolean relu;
    private final float floor;
    private final INDArray weights, bias, out, weightGrad, biasGrad;
    private final int[] vectorAt;     // where each vector of an output map reads the image, relative to the map's image
    private final int[] outAt;        // where each vector of an output map is, relative to the map
    final float[] rowKeeps;           // per vector of an output row, per lane: 0 where the vector before it covers it
    final float[] image, biasValues, filterTaps;
    private final float[] flatWeights, sums;
    final float[][] laneSums;         // per part: a vector of lane sums per (tap, filter), then per filter for db
    private final float[][] dzRows, scratches;
    /** Taps summed in one pass over a map of dz: nine sums and db's, each on its own register. */
    static final int TAPS_PER_PASS = 9;

    /**
     * Bound to one batch size: weights W, bias b and the output a [n, F, oh, ow] for the forward pass (null for
     * {@link SingleChannelConvPool}, which writes no such output), their gradients dW and db for the backward pass.
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
        rowKeeps = new float[starts.length * S.length()];
        java.util.Arrays.fill(rowKeeps, 1f);
        int lastVector = (starts.length - 1) * S.length();
        if (tail > 0) java.util.Arrays.fill(rowKeeps, lastVector, lastVector + S.length() - tail, 0f);
        vectorAt = new int[oh * starts.length];
        outAt = new int[vectorAt.length];
        for (int i = 0; i < oh; i++) {
            for (int v = 0; v < starts.length; v++) {
                vectorAt[i * starts.length + v] = i * this.w + starts[v];
                outAt[i * starts.length + v] = i * ow + starts[v];
            }
        }
        image = new float[n * h * this.w];
        int parts = Chunks.threadsFor((long) n * filters * oh * ow);
        laneSums = new float[parts][(kh * kw + 1) * filters * S.length()];
        dzRows = new float[parts][vectorAt.length * S.length()];
        scratches = new float[parts][S.length()];
        flatWeights = new float[(int) w.length()];
        biasValues = new float[filters];
        filterTaps = new float[filters * kh * kw];
        sums = new float[(kh * kw + 1) * filters];
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
        prepare(x);
        int taps = tapOffsets.length;
        ByteBuffer ob = FloatBuffers.of(out);
        Chunks.parts(n, laneSums.length, (part, from, to) -> {
            for (int m = from; m < to; m++) {
                if (taps == TAPS_PER_PASS) {
                    forwardImage(m * h * w, ob, 4 * m * filters * oh * ow);
                } else {
                    for (int f = 0; f < filters; f++) forwardMap(m * h * w, f * taps, biasValues[f], ob, 4 * (m * filters + f) * oh * ow);
                }
            }
        });
        Reference.reachabilityFence(out);
    }

    /** Copies the batch, the bias and the weights (as {@link #filterTaps}: each filter's taps side by side). */
    final void prepare(INDArray x) {
        copy(x, image);
        copy(weights, flatWeights);
        copy(bias, biasValues);
        int taps = tapOffsets.length;
        for (int f = 0; f < filters; f++) {
            for (int t = 0; t < taps; t++) filterTaps[f * taps + t] = flatWeights[t * filters + f];
        }
    }

    /**
     * Every filter's output maps of one image, for nine taps (a 3×3 kernel): at each output vector the nine image
     * vectors are loaded once and serve all filters, each filter's sum an independent chain of nine products, so the
     * core works on several filters at once (0.58-0.65 ms per batch of 64 on W3's first layer became 0.37-0.45 ms,
     * against {@link #forwardMap}).
     */
    private void forwardImage(int at, ByteBuffer ob, int maps) {
        float[] x = image, taps = filterTaps, b = biasValues;
        int o1 = tapOffsets[1], o2 = tapOffsets[2], o3 = tapOffsets[3], o4 = tapOffsets[4], o5 = tapOffsets[5],
                o6 = tapOffsets[6], o7 = tapOffsets[7], o8 = tapOffsets[8], mapBytes = 4 * oh * ow;
        for (int k = 0; k < vectorAt.length; k++) {
            int p = at + vectorAt[k];
            FloatVector x0 = FloatVector.fromArray(S, x, p), x1 = FloatVector.fromArray(S, x, p + o1),
                    x2 = FloatVector.fromArray(S, x, p + o2), x3 = FloatVector.fromArray(S, x, p + o3),
                    x4 = FloatVector.fromArray(S, x, p + o4), x5 = FloatVector.fromArray(S, x, p + o5),
                    x6 = FloatVector.fromArray(S, x, p + o6), x7 = FloatVector.fromArray(S, x, p + o7),
                    x8 = FloatVector.fromArray(S, x, p + o8);
            int store = maps + 4 * outAt[k];
            for (int f = 0, t = 0; f < filters; f++, t += TAPS_PER_PASS) {
                FloatVector z = x0.fma(taps[t], b[f]);
                z = x1.fma(FloatVector.broadcast(S, taps[t + 1]), z);
                z = x2.fma(FloatVector.broadcast(S, taps[t + 2]), z);
                z = x3.fma(FloatVector.broadcast(S, taps[t + 3]), z);
                z = x4.fma(FloatVector.broadcast(S, taps[t + 4]), z);
                z = x5.fma(FloatVector.broadcast(S, taps[t + 5]), z);
                z = x6.fma(FloatVector.broadcast(S, taps[t + 6]), z);
                z = x7.fma(FloatVector.broadcast(S, taps[t + 7]), z);
                z = x8.fma(FloatVector.broadcast(S, taps[t + 8]), z);
                z.max(floor).intoByteBuffer(ob, store + f * mapBytes, ORDER);
            }
        }
    }

    /**
     * One output map, for any number of taps: the image at {@code at} in {@link #image}, the filter's taps from
     * {@code first} in {@link #filterTaps}, into bytes from {@code map}.
     */
    private void forwardMap(int at, int first, float b, ByteBuffer ob, int map) {
        float[] taps = filterTaps;
        for (int i = 0; i < oh; i += 2) {
            int next = Math.min(i + 1, oh - 1);   // rows in pairs, for two independent sums; an odd last row twice
            for (int j : starts) {
                FloatVector z0 = FloatVector.broadcast(S, b), z1 = z0;
                int row0 = at + i * w + j, row1 = at + next * w + j;
                for (int t = 0; t < tapOffsets.length; t++) {
                    FloatVector tap = FloatVector.broadcast(S, taps[first + t]);
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
        weightGradients(x, dz, null);
        Reference.reachabilityFence(dz);
    }

    /**
     * dW and db from the batch x and the gradient da of the bound output a: dz = da ⊙ f'(a) (ReLU: da where a > 0,
     * else 0; identity: da) is formed map by map as the pass reads da, so it is never written out to native memory.
     */
    public void backwardFromOutputGradient(INDArray x, INDArray da) {
        weightGradients(x, da, relu ? out : null);
        Reference.reachabilityFence(da);
        Reference.reachabilityFence(out);
    }

    /**
     * dW and db from the batch and the gradient g: dz itself, or, when {@code reluOutput} is given, da, masked where
     * that output is not positive. Each part sums whole images into its own lane sums, one vector per (tap, filter)
     * and per filter for db, reduced to numbers once at the end.
     */
    private void weightGradients(INDArray x, INDArray g, INDArray reluOutput) {
        copy(x, image);
        ByteBuffer gb = FloatBuffers.of(g), ab = reluOutput == null ? null : FloatBuffers.of(reluOutput);
        int taps = tapOffsets.length;
        int used = Chunks.parts(n, laneSums.length, (part, from, to) -> {
            float[] lanes = laneSums[part], rows = dzRows[part];
            java.util.Arrays.fill(lanes, 0f);
            for (int m = from; m < to; m++) {
                for (int f = 0; f < filters; f++) {
                    readMap(gb, ab, 4 * (m * filters + f) * oh * ow, rows);
                    for (int t = 0; t < taps; t += TAPS_PER_PASS) tapSums(rows, m * h * w, t, f, lanes);
                }
            }
        });
        writeGradients(used);
    }

    /** Adds up the lane sums of the first {@code used} parts and writes them into the bound dW and db. */
    final void writeGradients(int used) {
        int taps = tapOffsets.length;
        float[] total = laneSums[0], scratch = scratches[0];
        for (int part = 1; part < used; part++) {
            for (int k = 0; k < total.length; k += S.length()) {
                FloatVector.fromArray(S, total, k).add(FloatVector.fromArray(S, laneSums[part], k)).intoArray(total, k);
            }
        }
        for (int k = 0; k < sums.length; k++) sums[k] = VectorMath.sum(FloatVector.fromArray(S, total, k * S.length()), scratch);
        FloatBuffers.of(weightGrad).asFloatBuffer().put(0, sums, 0, taps * filters);
        FloatBuffers.of(biasGrad).asFloatBuffer().put(0, sums, taps * filters, filters);
        Reference.reachabilityFence(weightGrad);
        Reference.reachabilityFence(biasGrad);
    }

    /**
     * One map of dz from the bytes at {@code map}, as the row vectors the sums use, one after another in {@code rows}:
     * the last vector of each output row with the lanes its neighbour already covers set to 0, and, with a ReLU
     * output a, dz = da where a > 0, else 0.
     */
    private void readMap(ByteBuffer gb, ByteBuffer ab, int map, float[] rows) {
        int perRow = starts.length;
        for (int i = 0, k = 0; i < oh; i++) {
            for (int v = 0; v < perRow; v++, k++) {
                int at = map + 4 * (i * ow + starts[v]);
                FloatVector dz = FloatVector.fromByteBuffer(S, gb, at, ORDER);
                if (ab != null) dz = dz.blend(0f, FloatVector.fromByteBuffer(S, ab, at, ORDER).compare(VectorOperators.LE, 0f));
                dz.mul(FloatVector.fromArray(S, rowKeeps, v * S.length())).intoArray(rows, k * S.length());
            }
        }
    }

    /**
     * For taps t0 … t0 + 8 of one filter f at once: Σ_i Σ_j dz[i, j] · x[i + p, j + q] over one map of dz (as
     * {@link #readMap} laid it out) and the image at {@code image}, each vector of dz loaded once for nine
     * independent sums and db's; the vector sums are added to the part's lane sums. Taps past the last repeat the
     * last one and are not kept; db is kept from the first nine only.
     */
    private void tapSums(float[] rows, int image, int t0, int f, float[] lanes) {
        int last = tapOffsets.length - 1;
        int o0 = image + tapOffsets[t0], o1 = image + tapOffsets[Math.min(t0 + 1, last)],
                o2 = image + tapOffsets[Math.min(t0 + 2, last)], o3 = image + tapOffsets[Math.min(t0 + 3, last)],
                o4 = image + tapOffsets[Math.min(t0 + 4, last)], o5 = image + tapOffsets[Math.min(t0 + 5, last)],
                o6 = image + tapOffsets[Math.min(t0 + 6, last)], o7 = image + tapOffsets[Math.min(t0 + 7, last)],
                o8 = image + tapOffsets[Math.min(t0 + 8, last)];
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, sb = s0;
        float[] x = this.image;
        for (int k = 0; k < vectorAt.length; k++) {
            FloatVector dz = FloatVector.fromArray(S, rows, k * S.length());
            int at = vectorAt[k];
            s0 = FloatVector.fromArray(S, x, o0 + at).fma(dz, s0);
            s1 = FloatVector.fromArray(S, x, o1 + at).fma(dz, s1);
            s2 = FloatVector.fromArray(S, x, o2 + at).fma(dz, s2);
            s3 = FloatVector.fromArray(S, x, o3 + at).fma(dz, s3);
            s4 = FloatVector.fromArray(S, x, o4 + at).fma(dz, s4);
            s5 = FloatVector.fromArray(S, x, o5 + at).fma(dz, s5);
            s6 = FloatVector.fromArray(S, x, o6 + at).fma(dz, s6);
            s7 = FloatVector.fromArray(S, x, o7 + at).fma(dz, s7);
            s8 = FloatVector.fromArray(S, x, o8 + at).fma(dz, s8);
            sb = sb.add(dz);
        }
        int stride = filters * S.length(), first = (t0 * filters + f) * S.length(), kept = Math.min(TAPS_PER_PASS, last + 1 - t0);
        addTo(lanes, first, s0);
        if (kept > 1) addTo(lanes, first + stride, s1);
        if (kept > 2) addTo(lanes, first + 2 * stride, s2);
        if (kept > 3) addTo(lanes, first + 3 * stride, s3);
        if (kept > 4) addTo(lanes, first + 4 * stride, s4);
        if (kept > 5) addTo(lanes, first + 5 * stride, s5);
        if (kept > 6) addTo(lanes, first + 6 * stride, s6);
        if (kept > 7) addTo(lanes, first + 7 * stride, s7);
        if (kept > 8) addTo(lanes, first + 8 * stride, s8);
        if (t0 == 0) addTo(lanes, ((last + 1) * filters + f) * S.length(), sb);
    }

    static void addTo(float[] lanes, int at, FloatVector v) {
        FloatVector.fromArray(S, lanes, at).add(v).intoArray(lanes, at);
    }

    static void copy(INDArray from, float[] to) {
        FloatBuffers.of(from).asFloatBuffer().get(0, to, 0, (int) from.length());
        Reference.reachabilityFence(from);
    }
}
