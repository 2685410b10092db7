package dlnb.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;

import static dlnb.ops.VectorKernels.S;

/**
 * The cross-entropies on the Vector API: per row of the [batch, classes] outputs, the loss, the gradient and
 * whether the largest output sits at the target's 1, in one pass. A row (ten classes for MNIST) fits one vector:
 * it is copied into a vector-long scratch row, the lanes past the classes filled with a value that adds nothing
 * (for the scores, -∞: e^-∞ = 0), so every operation works on whole vectors with no lane mask (a masked access costs
 * about ten plain ones in Java 17). Rows longer than a vector take the ND4J path ({@link Losses}). Only
 * {@link Losses} uses this class. Each pass keeps its arrays reachable (see {@link VectorKernels}).
 */
final class VectorLosses {
    private VectorLosses() {
    }

    static boolean fits(INDArray out) {
        return out.columns() <= S.length();
    }

    /** The buffers, the sizes, the scratch rows and the last run's count of right rows. */
    private abstract static class RowPass implements LossPass {
        final INDArray out, y, grad;
        final FloatBuffer o, t, g;
        final int rows, cols;
        final float[] outRow = new float[S.length()], targetRow = new float[S.length()], gradRow = new float[S.length()];
        final float[] scratch = new float[S.length()];
        /** The lanes past the row's classes. */
        final VectorMask<Float> padding;
        long correct;

        RowPass(INDArray out, INDArray y, INDArray grad, float outPadding) {
            this.out = out;
            this.y = y;
            this.grad = grad;
            o = FloatBuffers.of(out).asFloatBuffer();
            t = FloatBuffers.of(y).asFloatBuffer();
            g = FloatBuffers.of(grad).asFloatBuffer();
            rows = (int) out.rows();
            cols = (int) out.columns();
            java.util.Arrays.fill(outRow, outPadding);
            padding = S.indexInRange(0, cols).not();
        }

        @Override
        public final double run(double scale) {
            double sum = 0;
            long right = 0;
            float s = (float) scale;
            for (int r = 0; r < rows; r++) {
                o.get(r * cols, outRow, 0, cols);
                t.get(r * cols, targetRow, 0, cols);
                FloatVector z = FloatVector.fromArray(S, outRow, 0), yv = FloatVector.fromArray(S, targetRow, 0);
                sum += row(z, yv, s);
                g.put(r * cols, gradRow, 0, cols);
                if (argmax(z) == argmax(yv)) right++;
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

        /** One padded row: returns its loss and leaves scale·gradient in {@link #gradRow}. */
        abstract double row(FloatVector z, FloatVector y, float scale);

        /** The first of the row's lanes holding its largest value (ND4J's argmax picks the first too). */
        final int argmax(FloatVector v) {
            FloatVector real = v.blend(Float.NEGATIVE_INFINITY, padding);
            return real.compare(VectorOperators.EQ, real.reduceLanes(VectorOperators.MAX)).firstTrue();
        }
    }

    /**
     * Softmax cross-entropy on scores z: with m the row's largest score and lse = log Σ exp(z - m),
     * log softmax(z) = z - m - lse, so the loss -Σ y·log softmax(z) = Σ y·(m - z + lse), finite for any finite z;
     * gradient softmax(z) - y = exp((z - m) - lse) - y.
     */
    static LossPass softmaxCrossEntropy(INDArray z, INDArray y, INDArray grad) {
        return new RowPass(z, y, grad, Float.NEGATIVE_INFINITY) {
            @Override
            double row(FloatVector zv, FloatVector yv, float scale) {
                FloatVector shifted = zv.sub(zv.reduceLanes(VectorOperators.MAX));                     // z - m (padding: -∞)
                float lse = (float) Math.log(VectorMath.sum(VectorMath.exp(shifted), scratch));
                VectorMath.exp(shifted.sub(lse)).sub(yv).mul(scale).intoArray(gradRow, 0);                 // softmax - y
                return VectorMath.sum(yv.mul(shifted.neg().add(lse)).blend(0f, padding), scratch);        // Σ y·(m - z + lse)
            }
        };
    }

    /** Categorical cross-entropy on probabilities p: loss -Σ y·log max(p, ε); gradient before the softmax p - y. */
    static LossPass categoricalCrossEntropy(INDArray p, INDArray y, INDArray grad, float epsilon) {
        return new RowPass(p, y, grad, 1f) {
            @Override
            double row(FloatVector pv, FloatVector yv, float scale) {
                pv.sub(yv).mul(scale).intoArray(gradRow, 0);                                             // p - y
                return -VectorMath.sum(yv.mul(VectorMath.log(pv.max(epsilon))), scratch);                 // -Σ y·log p
            }
        };
    }

    /**
     * Log loss of sigmoid outputs a, clipped to [ε, 1-ε]: -Σ [y·log a + (1-y)·log(1-a)]; gradient before the sigmoid
     * a - y.
     */
    static LossPass binaryCrossEntropy(INDArray a, INDArray y, INDArray grad, float epsilon) {
        return new RowPass(a, y, grad, 0.5f) {
            @Override
            double row(FloatVector av, FloatVector yv, float scale) {
                av.sub(yv).mul(scale).intoArray(gradRow, 0);                                             // a - y
                FloatVector clipped = av.max(epsilon).min(1 - epsilon);
                FloatVector terms = yv.mul(VectorMath.log(clipped))
                        .add(yv.neg().add(1f).mul(VectorMath.log(clipped.neg().add(1f))));               // y·log a + (1-y)·log(1-a)
                return -VectorMath.sum(terms.blend(0f, padding), scratch);
            }
        };
    }
}
