package dlnb.ops;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.nativeblas.NativeOpsHolder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Medium products run in two halves, one on the spare core: the halves must equal one whole call up to rounding,
 * and give the same bits every time.
 */
class BlasSplitTest {
    @Test
    void splitProductsEqualWholeOnesInEveryTransposition() {
        assumeTrue(SpareCore.availableHere(), "one core: no product is split here");
        Nd4j.getRandom().setSeed(3);
        // W2-50's dense_1 (forward, dW, dx), an odd row count, and transposed right-hand sides
        check(100, 784, 50, false, false, 1, 0);
        check(784, 100, 50, true, false, 1, 0);
        check(100, 50, 784, false, true, 1, 0);
        check(333, 301, 97, true, true, 0.5, 1);
    }

    /** Views: a left operand that starts one row in, a result that is the left columns of a wider array. */
    @Test
    void splitProductsOfViewsWriteOnlyTheirOwnElements() {
        assumeTrue(SpareCore.availableHere(), "one core: no product is split here");
        Nd4j.getRandom().setSeed(4);
        int m = 101, k = 400, n = 90;
        INDArray a = Nd4j.rand(DataType.FLOAT, m + 1, k).get(NDArrayIndex.interval(1, m + 1), NDArrayIndex.all());
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray wide = Nd4j.rand(DataType.FLOAT, m, n + 7), untouched = wide.dup();
        INDArray c = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n));
        assertTrue(2.0 * m * n * k >= Blas.SPLIT_GEMM_FLOPS && c.stride(0) > n && a.offset() > 0, "not the case under test");
        Blas.gemm(a, false, b, false, c, 1, 0);
        assertArrayEquals(a.mmul(b).dup('c').data().asFloat(), c.dup('c').data().asFloat(), 1e-4f * k);
        INDArray rest = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(n, n + 7));
        assertArrayEquals(untouched.get(NDArrayIndex.all(), NDArrayIndex.interval(n, n + 7)).dup('c').data().asFloat(),
                rest.dup('c').data().asFloat(), 0f, "the split wrote outside its result's columns");
    }

    /** Runs body on a thread whose OpenMP count is 1, where products are never split. */
    private static void onOneCore(Runnable body) {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
            try {
                assertFalse(SpareCore.availableHere());
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (failure[0] != null) throw new AssertionError(failure[0]);
    }

    private static void check(int m, int k, int n, boolean transA, boolean transB, double alpha, double beta) {
        assertTrue(2.0 * m * n * k >= Blas.SPLIT_GEMM_FLOPS && 2.0 * m * n * k < Blas.LARGE_GEMM_FLOPS, "not a medium product");
        INDArray a = transA ? Nd4j.rand(DataType.FLOAT, k, m) : Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = transB ? Nd4j.rand(DataType.FLOAT, n, k) : Nd4j.rand(DataType.FLOAT, k, n);
        INDArray start = Nd4j.rand(DataType.FLOAT, m, n);
        INDArray split = start.dup(), whole = start.dup();
        Blas.gemm(a, transA, b, transB, split, alpha, beta);
        onOneCore(() -> Blas.gemm(a, transA, b, transB, whole, alpha, beta));
        float[] wholeValues = whole.data().asFloat(), splitValues = split.data().asFloat();
        for (int i = 0; i < wholeValues.length; i++) {
            assertEquals(wholeValues[i], splitValues[i], 1e-5f * Math.abs(wholeValues[i]), m + "x" + k + "x" + n + " at " + i);
        }
        INDArray again = start.dup();
        Blas.gemm(a, transA, b, transB, again, alpha, beta);
        assertArrayEquals(splitValues, again.data().asFloat(), 0f, "a second split call gave other bits");
        INDArray expected = (transA ? a.transpose() : a).mmul(transB ? b.transpose() : b).muli(alpha).addi(start.mul(beta));
        assertArrayEquals(expected.dup('c').data().asFloat(), split.data().asFloat(), 1e-4f * k, "against ND4J's product");
    }
}
