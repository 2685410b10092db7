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
 * whether the largest output sits at the target's 1, in one pass. The rows go one per lane: a block of
 * {@code S.length()} rows (16 with AVX-512) is transposed so that one vector holds one class of every row, and the
 * row's maximum, sums and first largest class are then lane-wise operations over the classes, with no reduction
 * across lanes and no scalar sum per row. (A row per vector, reduced across its lanes, took about 115 µs for 500
 * rows of 10 classes; this takes about 40 µs and gives the same bits.) The last block is filled up with padding rows
 * whose results are dropped. Classes are limited to one vector's length (rows longer take the ND4J path, see
 * {@link Losses}), which bounds the block's scratch arrays. Only {@link Losses} uses this class. Each pass keeps its
 * arrays reachable (see {@link VectorKernels}).
 */
final class VectorLosses {
    private VectorLosses() {
    }

    static boolean fits(INDArray out) {
        return out.columns() <= S.length();
    }

    /** The buffers, the block's scratch arrays and the last run's count of right rows. */
    abstract static class LanePass implements LossPass {
        final INDArray out, y, grad;
        private final FloatBuffer o, t, g;
        private final int rows;
        final int cols, n = S.length();
        /** The block as it lies in memory (row after row), and transposed (class after class, a vector each). */
        private final float[] outRows, targetRows, gradRows;
        final float[] outCols, targetCols;
        /** Where class c of lane l sits in a block laid out row after row: l·cols + c. */
        private final int[][] classIndex;
        final float[] lanes = new float[S.length()];
        private final float outPadding;
        private long correct;

        LanePass(INDArray out, INDArray y, INDArray grad, float outPadding) {
            this.out = out;
            this.y = y;
            this.grad = grad;
            this.outPadding = outPadding;
            o = FloatBuffers.of(out).asFloatBuffer();
            t = FloatBuffers.of(y).asFloatBuffer();
            g = FloatBuffers.of(grad).asFloatBuffer();
            rows = (int) out.rows();
            cols = (int) out.columns();
            outRows = new float[n * cols];
            targetRows = new float[n * cols];
            gradRows = new float[n * cols];
            outCols = new float[n * cols];
            targetCols = new float[n * cols];
            classIndex = new int[cols][n];
            for (int c = 0; c < cols; c++) for (int l = 0; l < n; l++) classIndex[c][l] = l * cols + c;
        }

        @Override
        public final double run(double scale) {
            float s = (float) scale;
            double sum = 0;
            long right = 0;
            for (int r0 = 0; r0 < rows; r0 += n) {
                int real = Math.min(n, rows - r0), length = real * cols;
                o.get(r0 * cols, outRows, 0, length);
                t.get(r0 * cols, targetRows, 0, length);
                if (real < n) {   // padding rows: finite outputs, zero targets
                    java.util.Arrays.fill(outRows, length, outRows.length, outPadding);
                    java.util.Arrays.fill(targetRows, length, targetRows.length, 0f);
                }
                for (int c = 0; c < cols; c++) {
                    FloatVector.fromArray(S, outRows, 0, classIndex[c], 0).intoArray(outCols, c * n);
                    FloatVector.fromArray(S, targetRows, 0, classIndex[c], 0).intoArray(targetCols, c * n);
                }
                // the largest output and the first class holding it, and the same for the targets
                FloatVector max = FloatVector.fromArray(S, outCols, 0), yMax = FloatVector.fromArray(S, targetCols, 0);
                FloatVector arg = FloatVector.zero(S), yArg = FloatVector.zero(S);
                for (int c = 1; c < cols; c++) {
                    FloatVector v = FloatVector.fromArray(S, outCols, c * n), yv = FloatVector.fromArray(S, targetCols, c * n);
                    arg = arg.blend(c, v.compare(VectorOperators.GT, max));
                    yArg = yArg.blend(c, yv.compare(VectorOperators.GT, yMax));
                    max = max.max(v);
                    yMax = yMax.max(yv);
                }
                FloatVector loss = block(max, s);
                for (int c = 0; c < cols; c++) FloatVector.fromArray(S, outCols, c * n).intoArray(gradRows, 0, classIndex[c], 0);
                g.put(r0 * cols, gradRows, 0, length);
                loss.intoArray(lanes, 0);
                for (int l = 0; l < real; l++) sum += lanes[l];
                // A NaN output or target makes its row wrong: its maximum is NaN and no class holds it.
                VectorMask<Float> same = arg.compare(VectorOperators.EQ, yArg)
                        .and(max.compare(VectorOperators.EQ, max)).and(yMax.compare(VectorOperators.EQ, yMax));
                right += same.and(S.indexInRange(0, real)).trueCount();
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

        /**
         * One transposed block: given each row's largest output, returns each row's loss (in its lane) and leaves
         * scale·gradient in {@link #outCols}, class after class. The loss of a row adds its classes in order.
         */
        abstract FloatVector block(FloatVector max, float scale);
    }

    /**
     * Softmax cross-entropy on scores z: with m the row's largest score and lse = log Σ exp(z - m),
     * log softmax(z) = z - m - lse, so the loss -Σ y·log softmax(z) = Σ y·(m - z + lse), finite for any finite z;
     * gradient softmax(z) - y = exp((z - m) - lse) - y.
     */
    static LossPass softmaxCrossEntropy(INDArray z, INDArray y, INDArray grad) {
        return new LanePass(z, y, grad, 0f) {
            @Override
            FloatVector block(FloatVector m, float scale) {
                FloatVector loss = FloatVector.zero(S), expSum = FloatVector.zero(S);
                for (int c = 0; c < cols; c++) {
                    FloatVector shifted = FloatVector.fromArray(S, outCols, c * n).sub(m);                 // z - m
                    shifted.intoArray(outCols, c * n);
                    expSum = expSum.add(VectorMath.exp(shifted));
                }
                expSum.intoArray(lanes, 0);
                for (int l = 0; l < n; l++) lanes[l] = (float) Math.log(lanes[l]);   // one log per row
                FloatVector lse = FloatVector.fromArray(S, lanes, 0);
                for (int c = 0; c < cols; c++) {
                    FloatVector shifted = FloatVector.fromArray(S, outCols, c * n), yv = FloatVector.fromArray(S, targetCols, c * n);
                    loss = loss.add(yv.mul(shifted.neg().add(lse)));                                        // y·(m - z + lse)
                    VectorMath.exp(shifted.sub(lse)).sub(yv).mul(scale).intoArray(outCols, c * n);         // softmax - y
                }
                return loss;
            }
        };
    }

    /** Categorical cross-entropy on probabilities p: loss -Σ y·log max(p, ε); gradient before the softmax p - y. */
    static LossPass categoricalCrossEntropy(INDArray p, INDArray y, INDArray grad, float epsilon) {
        return new LanePass(p, y, grad, 1f) {
            @Override
            FloatVector block(FloatVector max, float scale) {
                FloatVector loss = FloatVector.zero(S);
                for (int c = 0; c < cols; c++) {
                    FloatVector pv = FloatVector.fromArray(S, outCols, c * n), yv = FloatVector.fromArray(S, targetCols, c * n);
                    loss = loss.add(yv.mul(VectorMath.log(pv.max(epsilon))));                              // Σ y·log p
                    pv.sub(yv).mul(scale).intoArray(outCols, c * n);                                         // p - y
                }
                return loss.neg();
            }
        };
    }

    /**
     * Log loss of sigmoid outputs a, clipped to [ε, 1-ε]: -Σ [y·log a + (1-y)·log(1-a)]; gradient before the sigmoid
     * a - y.
     */
    static LossPass binaryCrossEntropy(INDArray a, INDArray y, INDArray grad, float epsilon) {
        return new LanePass(a, y, grad, 0.5f) {
            @Override
            FloatVector block(FloatVector max, float scale) {
                FloatVector loss = FloatVector.zero(S);
                for (int c = 0; c < cols; c++) {
                    FloatVector av = FloatVector.fromArray(S, outCols, c * n), yv = FloatVector.fromArray(S, targetCols, c * n);
                    FloatVector clipped = av.max(epsilon).min(1 - epsilon);
                    loss = loss.add(yv.mul(VectorMath.log(clipped))
                            .add(yv.neg().add(1f).mul(VectorMath.log(clipped.neg().add(1f)))));             // y·log a + (1-y)·log(1-a)
                    av.sub(yv).mul(scale).intoArray(outCols, c * n);                                         // a - y
                }
                return loss.neg();
            }
        };
    }
}
