package dlnb.ops;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.factory.Nd4j;

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
 * costs well under a microsecond); large ones go through ND4J's matmul op, whose oneDNN build is about twice as
 * fast as OpenBLAS on big matrices but costs tens of microseconds per call. On a GPU backend everything goes through
 * ND4J. Operands must be 2-D row-major (c order) with unit column stride; views of such arrays are fine.
 */
public final class Blas {
    /**
     * Products of at least this many floating-point operations, with at least {@link #LARGE_GEMM_COLUMNS} result
     * columns, use ND4J's (oneDNN) matmul; smaller ones were faster in OpenBLAS, whose call costs far less. W3's
     * dense_1 (5.2 MFLOP per product, results 70 and 576 wide) took 126-156 µs forward and 195-222 µs backward in
     * OpenBLAS, against 258-285 and 498-522 µs in oneDNN, when this bound was 4e6 (LayerProfile W3, 3 interleaved
     * runs each).
     */
    static final double LARGE_GEMM_FLOPS = 1e7;
    static final long LARGE_GEMM_COLUMNS = 64;
    /**
     * Narrower products use oneDNN from this many operations on, where its use of both cores outweighs its call: W1's
     * dense_2 at batch 20,000 (84 MFLOP, 30 columns) took 751-813 µs forward and 1.30-1.57 ms backward, against
     * 1.15-1.19 and 2.41-2.50 ms in OpenBLAS on one thread; its dense_3 (12 MFLOP, 10 columns) was slower in oneDNN
     * (LayerProfile W1_20000, 2 interleaved runs each).
     */
    static final double NARROW_LARGE_GEMM_FLOPS = 2.5e7;
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
        boolean small = flops < LARGE_GEMM_FLOPS || n < LARGE_GEMM_COLUMNS && flops < NARROW_LARGE_GEMM_FLOPS;
        if (direct() && small && rowMajor(a) && rowMajor(b) && rowMajor(c)) {
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    (int) m, (int) n, (int) k, (float) alpha, pointer(a), leading(a), pointer(b), leading(b),
                    (float) beta, pointer(c), leading(c));
        } else {
            Nd4j.exec(new Mmul(a, b, c, alpha, beta, MMulTranspose.builder().transposeA(transA).transposeB(transB).build()));
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
