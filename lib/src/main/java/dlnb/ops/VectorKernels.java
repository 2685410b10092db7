package dlnb.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The element-wise passes of {@link Fused} on the JDK Vector API: each reads its inputs once and writes its output
 * once, {@code S.length()} floats per instruction (16 with AVX-512), the formula beside the loop. Each loop runs
 * whole vectors, then the tail under a lane mask through the same code, so every element is computed alike.
 * Only {@link Fused} uses this class, and only when {@link Simd#enabled()}.
 * <p>
 * A kernel reads the arrays through ByteBuffers over ND4J's native memory, which ND4J frees once the array object is
 * unreachable: every kernel therefore ends with {@code Reference.reachabilityFence} on its arrays, so the kernel
 * keeps them alive as long as it lives.
 */
final class VectorKernels {
    /**
     * The one vector species of every pass in the library. Keep it so: the JDK compiles the Vector API's loads and
     * stores from shared code that records which vector classes it has seen, and once a pass with 128- and 256-bit
     * vectors (a max pooling tried for W3) ran in the same JVM, the passes here were compiled to fall back to one lane
     * at a time (DirectByteBuffer.duplicate and FloatVector.stOp at the top of a profile), and W3 trained at 3,061
     * images/s instead of 3,771 (measured). A masked store falls back the same way in Java 17.
     */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorKernels() {
    }

    static String species() {
        return S.length() + " floats per vector";
    }

    /**
     * a = f(z) for one vector of z (see {@link Pointwise} for the formulas). The three smooth functions share one
     * e^: sigmoid 1 / (1 + e^-z), tanh 1 - 2 / (e^2z + 1), ELU z > 0 ? z : e^z - 1. Written with one e^ (rather
     * than one per function) so that the JIT inlines this method into every pass: with three, it stopped inlining it
     * (node-count limit), and each vector then went through a call with its value boxed: bias + sigmoid over
     * [500, 70] took 130-160 µs instead of 10-25 (measured).
     */
    static FloatVector apply(Pointwise f, FloatVector z) {
        if (f == Pointwise.IDENTITY) return z;
        if (f == Pointwise.RELU) return z.max(0f);                                           // max(z, 0)
        boolean elu = f == Pointwise.ELU, tanh = f == Pointwise.TANH;
        FloatVector e = VectorMath.exp(z.mul(elu ? 1f : tanh ? 2f : -1f));                 // e^z, e^2z or e^-z
        if (elu) return z.blend(e.sub(1f), z.compare(VectorOperators.LE, 0f));             // z > 0 ? z : e^z - 1
        FloatVector q = e.broadcast(tanh ? 2f : 1f).div(e.add(1f));                        // 2 / (e^2z + 1) or 1 / (1 + e^-z)
        return tanh ? q.neg().add(1f) : q;                                                 // tanh 1 - q, sigmoid q
    }

    /** g ⊙ f'(a) for one vector of outputs a and incoming gradients g. */
    static FloatVector gradient(Pointwise f, FloatVector a, FloatVector g) {
        return switch (f) {
            case IDENTITY -> g;
            case RELU -> g.blend(0f, a.compare(VectorOperators.LE, 0f));                      // g where a > 0, else 0
            case SIGMOID -> g.mul(a).mul(a.neg().add(1f));                                    // g·a·(1 - a)
            case TANH -> g.mul(a.mul(a).neg().add(1f));                                       // g·(1 - a²)
            case ELU -> g.mul(a.add(1f).blend(1f, a.compare(VectorOperators.GT, 0f)));        // g·(a > 0 ? 1 : a + 1)
        };
    }

    /** z = f(z) over all of z. */
    static Kernel apply(Pointwise f, INDArray z) {
        ByteBuffer b = FloatBuffers.of(z);
        int n = (int) z.length();
        return () -> {
            Chunks.run(n, Chunks.threadsFor(n), S.length(), (from, to) -> {
                int i = from, whole = from + S.loopBound(to - from);
                for (; i < whole; i += S.length()) apply(f, FloatVector.fromByteBuffer(S, b, 4 * i, ORDER)).intoByteBuffer(b, 4 * i, ORDER);
                if (i < to) {
                    VectorMask<Float> m = S.indexInRange(i, to);
                    apply(f, FloatVector.fromByteBuffer(S, b, 4 * i, ORDER, m)).intoByteBuffer(b, 4 * i, ORDER, m);
                }
            });
            Reference.reachabilityFence(z);
        };
    }

    /**
     * z[r, :] = f(z[r, :] + bias) for every row r of z [rows, columns]: the bias add and the activation in one flat
     * pass over z. Element i of z takes bias[i mod columns]; the bias row is copied end to end into a pattern of
     * lcm(columns, lanes) floats, which repeats exactly every pattern-length elements and holds whole vectors, so the
     * pass reads bias vectors from it with no lane mask, whatever the row length (a masked vector at the end of
     * every row cost four times the row's whole pass for 70 columns).
     */
    static Kernel biasApply(Pointwise f, INDArray z, INDArray bias) {
        ByteBuffer zb = FloatBuffers.of(z);
        FloatBuffer bb = FloatBuffers.of(bias).asFloatBuffer();
        int n = (int) z.length(), cols = (int) z.columns();
        int period = cols / gcd(cols, S.length()) * S.length();
        int copies = (int) Math.min(period / cols, z.rows());   // a short z needs only its own rows of the pattern
        float[] pattern = new float[period];
        return () -> {
            for (int c = 0; c < copies; c++) bb.get(0, pattern, c * cols, cols);
            Chunks.run(n, Chunks.threadsFor(n), S.length(), (from, to) -> {
                int i = from, whole = from + S.loopBound(to - from), k = from % period;
                for (; i < whole; i += S.length()) {
                    FloatVector v = FloatVector.fromByteBuffer(S, zb, 4 * i, ORDER).add(FloatVector.fromArray(S, pattern, k));
                    apply(f, v).intoByteBuffer(zb, 4 * i, ORDER);
                    k += S.length();
                    if (k == period) k = 0;
                }
                if (i < to) {
                    VectorMask<Float> m = S.indexInRange(i, to);
                    FloatVector v = FloatVector.fromByteBuffer(S, zb, 4 * i, ORDER, m).add(FloatVector.fromArray(S, pattern, k, m));
                    apply(f, v).intoByteBuffer(zb, 4 * i, ORDER, m);
                }
            });
            Reference.reachabilityFence(z);
            Reference.reachabilityFence(bias);
        };
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** out = g ⊙ f'(a), element by element (out may be g). */
    static Kernel gradient(Pointwise f, INDArray a, INDArray g, INDArray out) {
        ByteBuffer ab = FloatBuffers.of(a), gb = FloatBuffers.of(g), ob = FloatBuffers.of(out);
        int n = (int) a.length();
        return () -> {
            Chunks.run(n, Chunks.threadsFor(n), S.length(), (from, to) -> {
                int i = from, whole = from + S.loopBound(to - from);
                for (; i < whole; i += S.length()) {
                    gradient(f, FloatVector.fromByteBuffer(S, ab, 4 * i, ORDER), FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER))
                            .intoByteBuffer(ob, 4 * i, ORDER);
                }
                if (i < to) {
                    VectorMask<Float> m = S.indexInRange(i, to);
                    gradient(f, FloatVector.fromByteBuffer(S, ab, 4 * i, ORDER, m), FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER, m))
                            .intoByteBuffer(ob, 4 * i, ORDER, m);
                }
            });
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(g);
            Reference.reachabilityFence(out);
        };
    }

    /** Each row of z [rows, columns] replaced by its softmax: e^(z - max) / Σ e^(z - max) (the max keeps e^ finite). */
    static Kernel softmaxRows(INDArray z) {
        ByteBuffer b = FloatBuffers.of(z);
        int rows = (int) z.rows(), cols = (int) z.columns();
        float[] scratch = new float[S.length()];
        return () -> {
            for (int r = 0; r < rows; r++) {
                int row = 4 * r * cols;
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c += S.length()) {
                    VectorMask<Float> m = S.indexInRange(c, cols);
                    max = Math.max(max, FloatVector.fromByteBuffer(S, b, row + 4 * c, ORDER, m).reduceLanes(VectorOperators.MAX, m));
                }
                float sum = 0;
                for (int c = 0; c < cols; c += S.length()) {
                    VectorMask<Float> m = S.indexInRange(c, cols);
                    FloatVector e = VectorMath.exp(FloatVector.fromByteBuffer(S, b, row + 4 * c, ORDER, m).sub(max));
                    e.intoByteBuffer(b, row + 4 * c, ORDER, m);
                    sum += VectorMath.sum(e, m, scratch);
                }
                float inverse = 1f / sum;
                for (int c = 0; c < cols; c += S.length()) {
                    VectorMask<Float> m = S.indexInRange(c, cols);
                    FloatVector.fromByteBuffer(S, b, row + 4 * c, ORDER, m).mul(inverse).intoByteBuffer(b, row + 4 * c, ORDER, m);
                }
            }
            Reference.reachabilityFence(z);
        };
    }
}
