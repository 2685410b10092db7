package dlnb.check;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.*;

class SoftmaxCrossEntropyChecksTest {
    static INDArray logSoftmax(INDArray s) {
        INDArray shifted = s.subColumnVector(s.max(1).reshape(s.size(0), 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(s.size(0), 1);
        return shifted.subColumnVector(logSum);
    }

    static double value(INDArray s, INDArray y) {
        return -logSoftmax(s).mul(y).sumNumber().doubleValue() / s.size(0);
    }

    static INDArray gradient(INDArray s, INDArray y) {
        return Transforms.exp(logSoftmax(s), false).subi(y).divi(s.size(0));
    }

    @Test
    void rightSolutionEarnsBothPoints() {
        Captured c = Captured.run(() -> SoftmaxCrossEntropyChecks.softmaxCrossEntropy(SoftmaxCrossEntropyChecksTest::value,
                SoftmaxCrossEntropyChecksTest::gradient));
        assertEquals("2/2", c.points());
    }

    @Test
    void sumInsteadOfMeanAndNoShiftAreExplained() {
        Captured c = Captured.run(() -> SoftmaxCrossEntropyChecks.softmaxCrossEntropy(
                (s, y) -> value(s, y) * s.size(0),
                (s, y) -> Transforms.softmax(s, true).subi(y).divi(s.size(0)).muli(Transforms.exp(s.mul(0), false))
                        .muli(Transforms.exp(s, true).div(Transforms.exp(s, true)))));
        assertEquals("0/2", c.points());
        assertTrue(c.err().contains("your softmax cross-entropy returned"), c.err());
        assertTrue(c.err().contains("8 times the mean"), c.err());
        assertTrue(c.err().contains("on large scores (rows around ±1000) [4, 10]: your softmax cross-entropy gradient returned NaN"), c.err());
        assertTrue(c.err().contains("exp overflows"), c.err());
    }

    @Test
    void gradientWithoutTheMeanIsExplained() {
        Captured c = Captured.run(() -> SoftmaxCrossEntropyChecks.softmaxCrossEntropy(SoftmaxCrossEntropyChecksTest::value,
                (s, y) -> gradient(s, y).muli(s.size(0))));
        assertEquals("1/2", c.points());
        assertTrue(c.err().contains("8 times too large: the loss is the mean over the 8 rows"), c.err());
    }
}
