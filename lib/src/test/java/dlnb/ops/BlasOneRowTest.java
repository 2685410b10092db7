package dlnb.ops;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One-row operands (a batch of one example, a bias row): ND4J gives them a row stride of 1, which BLAS refuses. */
class BlasOneRowTest {
    @Test
    void productsWithOneRowOperandsAreComputed() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 7), w = Nd4j.rand(DataType.FLOAT, 7, 10), bias = Nd4j.rand(DataType.FLOAT, 1, 10);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 1);
        assertEquals(1, x.stride(0), "the case this test is about: ND4J's row stride of a one-row array");
        INDArray z = Nd4j.zeros(DataType.FLOAT, 1, 10);
        Blas.gemm(x, false, w, false, z, 1, 0);
        Blas.gemm(ones, false, bias, false, z, 1, 1);
        assertArrayEquals(x.mmul(w).addi(bias).data().asFloat(), z.data().asFloat(), 1e-5f);
        INDArray dw = Nd4j.zeros(DataType.FLOAT, 7, 10);
        Blas.gemm(x, true, z, false, dw, 1, 0);
        assertArrayEquals(x.transpose().mmul(z).data().asFloat(), dw.dup('c').data().asFloat(), 1e-5f);
    }
}
