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
 * The cross-entropies on the Vector API: per row of the [batch, classes] outputs, the loss, the gradient and
 * whether the largest output sits at the target's 1, in one pass (a row of MNIST's ten classes fits one AVX-512
 * vector). The row loop is over examples; each row's classes are handled a vector at a time, under a mask for the
 * tail. Only {@link Losses} uses this class. Each pass keeps its arrays reachable (see {@link VectorKernels}).
 */
final class VectorLosses {
    private VectorLosses() {
    }

    /** What a pass over rows keeps: the buffers, the sizes and the last run's count of right rows. */
    private abstract static class RowPass implements LossPass {
        final INDArray out, y, grad;
        final ByteBuffer ob, yb, gb;
        final int rows, cols;
        final float[] scratch = new float[S.length()];
        long correct;

        RowPass(INDArray out, INDArray y, INDArray grad) {
            this.out = out;
            this.y = y;
            this.grad = grad;
            ob = FloatBuffers.of(out);
            yb = FloatBuffers.of(y);
            gb = FloatBuffers.of(grad);
            rows = (int) out.rows();
            cols = (int) out.columns();
        }

        @Override
        public final double run(double scale) {
            double sum = 0;
            long right = 0;
            float s = (float) scale;
            for (int r = 0; r < rows; r++) {
                sum += row(4 * r * cols, s);
                if (argmax(ob, 4 * r * cols) == argmax(yb, 4 * r * cols)) right++;
            }
            correct = right;
            Reference.reachabilityFence(out);
            Reference.reachabilityFence(y);
            Reference.reachabilityFence(grad);
            return sum;
        }

        @Override
        public long correct() {
            return correct;
        }

        /** One row starting at byte {@code at}: returns its loss, writes its gradient times {@code scale}. */
        abstract double row(int at, float scale);

        /** The first column holding the row's largest value (ND4J's argmax picks the first too). */
        final int argmax(ByteBuffer b, int at) {
            float max = max(b, at);
            for (int c = 0; c < cols; c += S.length()) {
                VectorMask<Float> m = S.indexInRange(c, cols);
                int lane = FloatVector.fromByteBuffer(S, b, at + 4 * c, ORDER, m).compare(VectorOperators.EQ, max, m).firstTrue();
                if (lane < S.length()) return c + lane;
            }
            return -1;
        }

        final float max(ByteBuffer b, int at) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c += S.length()) {
                VectorMask<Float> m = S.indexInRange(c, cols);
                max = Math.max(max, FloatVector.fromByteBuffer(S, b, at + 4 * c, ORDER, m).reduceLanes(VectorOperators.MAX, m));
            }
            return max;
        }
    }

    /**
     * Softmax cross-entropy on scores z: with m the row's largest score and lse = log Σ exp(z - m),
     * log softmax(z) = z - m - lse, so the loss -Σ y·log softmax(z) = Σ y·(m - z + lse), finite for any finite z;
     * gradient softmax(z) - y = exp((z - m) - lse) - y.
     */
    static LossPass softmaxCrossEntropy(INDArray z, INDArray y, INDArray grad) {
        return new RowPass(z, y, grad) {
            @Override
            double row(int at, float scale) {
                float m = max(ob, at);
                float sum = 0;
                for (int c = 0; c < cols; c += S.length()) {
                    VectorMask<Float> k = S.indexInRange(c, cols);
                    sum += VectorMath.sum(VectorMath.exp(FloatVector.fromByteBuffer(S, ob, at + 4 * c, ORDER, k).sub(m)), k, scratch);
                }
                float lse = (float) Math.log(sum);
                float loss = 0;
                for (int c = 0; c < cols; c += S.length()) {
                    VectorMask<Float> k = S.indexInRange(c, cols);
                    FloatVector shifted = FloatVector.fromByteBuffer(S, ob, at + 4 * c, ORDER, k).sub(m);          // z - m, exact near m
                    FloatVector yc = FloatVector.fromByteBuffer(S, yb, at + 4 * c, ORDER, k);
                    loss += VectorMath.sum(yc.mul(shifted.neg().add(lse)), k, scratch);                           // y·(m - z + lse)
                    VectorMath.exp(shifted.sub(lse)).sub(yc).mul(scale).intoByteBuffer(gb, at + 4 * c, ORDER, k);   // softmax - y
                }
                return loss;
            }
        };
    }

    /** Categorical cross-entropy on probabilities p: loss -Σ y·log max(p, ε); gradient before the softmax p - y. */
    static LossPass categoricalCrossEntropy(INDArray p, INDArray y, INDArray grad, float epsilon) {
        return new RowPass(p, y, grad) {
            @Override
            double row(int at, float scale) {
                float loss = 0;
                for (int c = 0; c < cols; c += S.length()) {
                    VectorMask<Float> k = S.indexInRange(c, cols);
                    FloatVector pc = FloatVector.fromByteBuffer(S, ob, at + 4 * c, ORDER, k);
                    FloatVector yc = FloatVector.fromByteBuffer(S, yb, at + 4 * c, ORDER, k);
                    loss -= VectorMath.sum(yc.mul(VectorMath.log(pc.max(epsilon))), k, scratch);                       // -y·log p
                    pc.sub(yc).mul(scale).intoByteBuffer(gb, at + 4 * c, ORDER, k);                                   // p - y
                }
                return loss;
            }
        };
    }

    /**
     * Log loss of sigmoid outputs a, clipped to [ε, 1-ε]: -Σ [y·log a + (1-y)·log(1-a)]; gradient before the sigmoid
     * a - y.
     */
    static LossPass binaryCrossEntropy(INDArray a, INDArray y, INDArray grad, float epsilon) {
        return new RowPass(a, y, grad) {
            @Override
            double row(int at, float scale) {
                float loss = 0;
                for (int c = 0; c < cols; c += S.length()) {
                    VectorMask<Float> k = S.indexInRange(c, cols);
                    FloatVector ac = FloatVector.fromByteBuffer(S, ob, at + 4 * c, ORDER, k);
                    FloatVector yc = FloatVector.fromByteBuffer(S, yb, at + 4 * c, ORDER, k);
                    FloatVector clipped = ac.max(epsilon).min(1 - epsilon);
                    FloatVector terms = yc.mul(VectorMath.log(clipped))
                            .add(yc.neg().add(1f).mul(VectorMath.log(clipped.neg().add(1f))));                       // y·log a + (1-y)·log(1-a)
                    loss -= VectorMath.sum(terms, k, scratch);
                    ac.sub(yc).mul(scale).intoByteBuffer(gb, at + 4 * c, ORDER, k);                                  // a - y
                }
                return loss;
            }
        };
    }
}
