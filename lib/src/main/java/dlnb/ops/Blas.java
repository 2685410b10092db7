package dlnb.ops;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sasum;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_scopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sdot;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sscal;

/**
 * BLAS on float32 ND4J arrays, writing into arrays the caller owns. Small products go straight to OpenBLAS (a call
 * costs well under a microsecond); medium ones too, cut in two halves of the result's rows, one computed on the
 * {@link SpareCore} while the calling thread computes the other; large ones go through ND4J's matmul op, whose
 * oneDNN build is about twice as fast as OpenBLAS on big matrices but costs tens of microseconds per call. On a GPU
 * backend everything goes through ND4J. Operands must be 2-D row-major (c order) with unit column stride; views of
 * such arrays are fine.
 */
public final class Blas {
    /**
     * Products of at least this many floating-point operations run in two halves at once, one on the spare core.
     * OpenBLAS's own threads would split them too, but they sleep between calls, and waking them costs more than
     * these products take on this project's virtual machines (see SpareCore). With the next batch gathered on the
     * spare core as well (GatherAhead, in the data package), in pairs of runs against the library before both
     * (LayerProfile, µs per step): W2-50 (products of 7.8 MFLOP) 176, 273, 231, 144 against 259, 290, 225, 218;
     * W1-500 (55 MFLOP, before in oneDNN) 967 and 871 against 1,158 and 1,282. A product's half handed over while
     * the spare core gathers waits for one piece of the gather at most. W3's products (5.2 MFLOP) stay whole, as
     * before: its second core also runs half of each convolution, and with them split two pairs of runs gave no
     * sign of a gain (Benchmark W3: 10,455 and 9,391 img/s against 12,481 and 10,104).
     */
    static final double SPLIT_GEMM_FLOPS = 6e6;
    /**
     * Products of at least this many operations use ND4J's (oneDNN) matmul, which is about as fast as OpenBLAS on
     * both cores for big matrices and costs tens of microseconds per call. W1-20,000's dense_2 (84 MFLOP) was faster
     * there: backward 1.45 and 1.41 ms against 1.71 and 1.82 ms split (LayerProfile W1_20000, pairs of runs), while
     * W1-500's dense_1 (55 MFLOP) gained from the split (above).
     */
    static final double LARGE_GEMM_FLOPS = 6e7;
    private static Boolean directCalls;

    private Blas() {
    }

    /** c = alpha * op(a) * op(b) + beta * c, where op transposes when asked. */
    public static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double alpha, double beta) {
        long m = transA ? a.columns() : a.rows();
        long k = transA ? a.rows() : a.columns();
        long kb = transB ? b.columns() : b.rows();
        long n = transB ? b.rows() : b.columns();
        if (k != kb || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("gemm shapes do not fit: op(a) is " + m + "x" + k + ", op(b) is " + kb + "x" + n
                    + ", c is " + c.rows() + "x" + c.columns());
        }
        double flops = 2.0 * m * n * k;
        if (direct() && flops < LARGE_GEMM_FLOPS && rowMajor(a) && rowMajor(b) && rowMajor(c)) {
            Product p = new Product(transA, transB, (int) n, (int) k, (float) alpha, pointer(a), leading(a), pointer(b),
                    leading(b), (float) beta, pointer(c), leading(c));
            int half = (int) m / 2;
            if (flops >= SPLIT_GEMM_FLOPS && half > 0 && SpareCore.availableHere()) {
                SpareCore.Job other = SpareCore.submit(() -> p.rows(half, (int) m));
                p.rows(0, half);
                other.await();
            } else {
                p.rows(0, (int) m);
            }
            Reference.reachabilityFence(a); // the products went through raw pointers to their buffers
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        } else {
            Nd4j.exec(new Mmul(a, b, c, alpha, beta, MMulTranspose.builder().transposeA(transA).transposeB(transB).build()));
        }
    }

    /**
     * One OpenBLAS product c = alpha * op(a) * op(b) + beta * c, computed for a range of the result's rows: the
     * rows of op(a) in that range times op(b). Halves computed apart equal the whole up to rounding (a few units
     * in the last place: OpenBLAS picks its kernel by the product's size); which thread computes a half does not
     * change it, so a run gives the same numbers every time on the same machine.
     */
    private record Product(boolean transA, boolean transB, int n, int k, float alpha, FloatPointer a, int lda,
                           FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        void rows(int from, int to) {
            if (from >= to) return;
            // Row r of op(a) is row r of a, or column r of a when a is transposed.
            FloatPointer aFrom = offset(a, transA ? from : (long) from * lda), cFrom = offset(c, (long) from * ldc);
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    to - from, n, k, alpha, aFrom, lda, b, ldb, beta, cFrom, ldc);
        }

        private static FloatPointer offset(FloatPointer p, long floats) {
            return floats == 0 ? p : new FloatPointer(p).position(p.position() + floats);
        }
    }

    /** y += alpha * x, over all elements (same length, both contiguous). */
    public static void axpy(double alpha, INDArray x, INDArray y) {
        checkSameLength(x, y);
        if (direct() && contiguous(x) && contiguous(y)) {
            cblas_saxpy((int) x.length(), (float) alpha, pointer(x), 1, pointer(y), 1);
        } else {
            y.addi(x.mul(alpha));
        }
    }

    /** y = x, over all elements (same length). */
    public static void copy(INDArray x, INDArray y) {
        checkSameLength(x, y);
        if (direct() && contiguous(x) && contiguous(y)) {
            cblas_scopy((int) x.length(), pointer(x), 1, pointer(y), 1);
        } else {
            y.assign(x.reshape(y.shape()));
        }
    }

    /** x *= alpha. */
    public static void scal(double alpha, INDArray x) {
        if (direct() && contiguous(x)) {
            cblas_sscal((int) x.length(), (float) alpha, pointer(x), 1);
        } else {
            x.muli(alpha);
        }
    }

    /** Sum of x * y over all elements. */
    public static double dot(INDArray x, INDArray y) {
        checkSameLength(x, y);
        if (direct() && contiguous(x) && contiguous(y)) return cblas_sdot((int) x.length(), pointer(x), 1, pointer(y), 1);
        return x.mul(y).sumNumber().doubleValue();
    }

    /** Sum of |x|. */
    public static double asum(INDArray x) {
        if (direct() && contiguous(x)) return cblas_sasum((int) x.length(), pointer(x), 1);
        return x.norm1Number().doubleValue();
    }

    private static boolean direct() {
        if (directCalls == null) directCalls = Nd4j.getEnvironment().isCPU();
        return directCalls;
    }

    private static boolean rowMajor(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.rank() == 2 && a.ordering() == 'c' && a.stride(1) == 1;
    }

    /**
     * The row stride to give BLAS. ND4J gives a fresh one-row array [1, n] the strides [1, 1]; BLAS rejects a row
     * stride below the row's length (printing "illegal value" and computing nothing), though with one row it is never
     * used. So one-row arrays pass their length.
     */
    private static int leading(INDArray a) {
        return (int) (a.rows() == 1 ? Math.max(a.stride(0), a.columns()) : a.stride(0));
    }

    private static boolean contiguous(INDArray a) {
        return a.dataType() == DataType.FLOAT && (a.elementWiseStride() == 1 || a.length() == 1)
                && (a.ordering() == 'c' || a.isVector());
    }

    /** The address of a's first element. A view's buffer already starts at the view's own offset. */
    private static FloatPointer pointer(INDArray a) {
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        return p.position(p.position() + a.offset() - a.data().offset());
    }

    private static void checkSameLength(INDArray x, INDArray y) {
        if (x.length() != y.length()) {
            throw new IllegalArgumentException("arrays differ in length: " + x.length() + " and " + y.length());
        }
    }
}
