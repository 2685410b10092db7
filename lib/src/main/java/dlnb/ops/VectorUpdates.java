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
 * The optimizers' steps as one Vector API pass over the flat parameter, gradient and state buffers: every array is
 * read once and written once, where separate operations would read and write each several times. Only
 * Each loop runs whole vectors, then one masked vector for the tail (a masked access costs about ten plain ones
 * in Java 17). {@link Updates} uses this class, and only when {@link Simd#enabled()}. Each pass keeps its arrays reachable (see
 * {@link VectorKernels}).
 */
final class VectorUpdates {
    private VectorUpdates() {
    }

    /**
     * Adam: m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  p -= lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + ε).
     */
    static UpdatePass adam(INDArray params, INDArray grads, INDArray m, INDArray v, double beta1, double beta2, double epsilon) {
        ByteBuffer pb = FloatBuffers.of(params), gb = FloatBuffers.of(grads), mb = FloatBuffers.of(m), vb = FloatBuffers.of(v);
        int n = (int) params.length();
        float b1 = (float) beta1, b2 = (float) beta2, eps = (float) epsilon;
        return (lr, t, threads) -> {
            float rate = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
            Chunks.run(n, threads, S.length(), (from, to) -> {
                int i = from, whole = from + S.loopBound(to - from);
                for (; i < whole; i += S.length()) {
                    FloatVector g = FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER);
                    FloatVector mi = FloatVector.fromByteBuffer(S, mb, 4 * i, ORDER).mul(b1).add(g.mul(1 - b1));
                    FloatVector vi = FloatVector.fromByteBuffer(S, vb, 4 * i, ORDER).mul(b2).add(g.mul(g).mul(1 - b2));
                    mi.intoByteBuffer(mb, 4 * i, ORDER);
                    vi.intoByteBuffer(vb, 4 * i, ORDER);
                    FloatVector step = mi.mul(rate).div(vi.lanewise(VectorOperators.SQRT).add(eps));
                    FloatVector.fromByteBuffer(S, pb, 4 * i, ORDER).sub(step).intoByteBuffer(pb, 4 * i, ORDER);
                }
                if (i < to) {
                    VectorMask<Float> k = S.indexInRange(i, to);
                    FloatVector g = FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER, k);
                    FloatVector mi = FloatVector.fromByteBuffer(S, mb, 4 * i, ORDER, k).mul(b1).add(g.mul(1 - b1));
                    FloatVector vi = FloatVector.fromByteBuffer(S, vb, 4 * i, ORDER, k).mul(b2).add(g.mul(g).mul(1 - b2));
                    mi.intoByteBuffer(mb, 4 * i, ORDER, k);
                    vi.intoByteBuffer(vb, 4 * i, ORDER, k);
                    FloatVector step = mi.mul(rate).div(vi.lanewise(VectorOperators.SQRT).add(eps));
                    FloatVector.fromByteBuffer(S, pb, 4 * i, ORDER, k).sub(step).intoByteBuffer(pb, 4 * i, ORDER, k);
                }
            });
            Reference.reachabilityFence(params);
            Reference.reachabilityFence(grads);
            Reference.reachabilityFence(m);
            Reference.reachabilityFence(v);
        };
    }

    /** RMSprop: s = ρ·s + (1-ρ)·g²;  p -= lr·g / (sqrt(s) + ε). */
    static UpdatePass rmsProp(INDArray params, INDArray grads, INDArray s, double rho, double epsilon) {
        ByteBuffer pb = FloatBuffers.of(params), gb = FloatBuffers.of(grads), sb = FloatBuffers.of(s);
        int n = (int) params.length();
        float r = (float) rho, eps = (float) epsilon;
        return (lr, t, threads) -> {
            float rate = (float) lr;
            Chunks.run(n, threads, S.length(), (from, to) -> {
                int i = from, whole = from + S.loopBound(to - from);
                for (; i < whole; i += S.length()) {
                    FloatVector g = FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER);
                    FloatVector si = FloatVector.fromByteBuffer(S, sb, 4 * i, ORDER).mul(r).add(g.mul(g).mul(1 - r));
                    si.intoByteBuffer(sb, 4 * i, ORDER);
                    FloatVector step = g.mul(rate).div(si.lanewise(VectorOperators.SQRT).add(eps));
                    FloatVector.fromByteBuffer(S, pb, 4 * i, ORDER).sub(step).intoByteBuffer(pb, 4 * i, ORDER);
                }
                if (i < to) {
                    VectorMask<Float> k = S.indexInRange(i, to);
                    FloatVector g = FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER, k);
                    FloatVector si = FloatVector.fromByteBuffer(S, sb, 4 * i, ORDER, k).mul(r).add(g.mul(g).mul(1 - r));
                    si.intoByteBuffer(sb, 4 * i, ORDER, k);
                    FloatVector step = g.mul(rate).div(si.lanewise(VectorOperators.SQRT).add(eps));
                    FloatVector.fromByteBuffer(S, pb, 4 * i, ORDER, k).sub(step).intoByteBuffer(pb, 4 * i, ORDER, k);
                }
            });
            Reference.reachabilityFence(params);
            Reference.reachabilityFence(grads);
            Reference.reachabilityFence(s);
        };
    }

    /** Momentum: v = μ·v - lr·g;  p += v  (Nesterov: p += μ·v - lr·g). */
    static UpdatePass momentum(INDArray params, INDArray grads, INDArray velocity, double mu, boolean nesterov) {
        ByteBuffer pb = FloatBuffers.of(params), gb = FloatBuffers.of(grads), vb = FloatBuffers.of(velocity);
        int n = (int) params.length();
        float m = (float) mu;
        return (lr, t, threads) -> {
            float rate = (float) lr;
            Chunks.run(n, threads, S.length(), (from, to) -> {
                int i = from, whole = from + S.loopBound(to - from);
                for (; i < whole; i += S.length()) {
                    FloatVector g = FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER);
                    FloatVector vi = FloatVector.fromByteBuffer(S, vb, 4 * i, ORDER).mul(m).sub(g.mul(rate));
                    vi.intoByteBuffer(vb, 4 * i, ORDER);
                    FloatVector change = nesterov ? vi.mul(m).sub(g.mul(rate)) : vi;
                    FloatVector.fromByteBuffer(S, pb, 4 * i, ORDER).add(change).intoByteBuffer(pb, 4 * i, ORDER);
                }
                if (i < to) {
                    VectorMask<Float> k = S.indexInRange(i, to);
                    FloatVector g = FloatVector.fromByteBuffer(S, gb, 4 * i, ORDER, k);
                    FloatVector vi = FloatVector.fromByteBuffer(S, vb, 4 * i, ORDER, k).mul(m).sub(g.mul(rate));
                    vi.intoByteBuffer(vb, 4 * i, ORDER, k);
                    FloatVector change = nesterov ? vi.mul(m).sub(g.mul(rate)) : vi;
                    FloatVector.fromByteBuffer(S, pb, 4 * i, ORDER, k).add(change).intoByteBuffer(pb, 4 * i, ORDER, k);
                }
            });
            Reference.reachabilityFence(params);
            Reference.reachabilityFence(grads);
            Reference.reachabilityFence(velocity);
        };
    }
}
