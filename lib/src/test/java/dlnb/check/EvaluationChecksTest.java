package dlnb.check;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.function.ToDoubleBiFunction;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

class EvaluationChecksTest {
    /** The solution: batches in order, each batch's mean loss and right answers weighted by its size. */
    static double[] evaluate(UnaryOperator<INDArray> scoresOf, ToDoubleBiFunction<INDArray, INDArray> meanLoss,
                             INDArray x, INDArray y, int batchSize) {
        long n = x.size(0);
        double lossSum = 0, correct = 0;
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray xb = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray yb = y.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray scores = scoresOf.apply(xb);
            lossSum += meanLoss.applyAsDouble(scores, yb) * (end - start);
            correct += Nd4j.argMax(scores, 1).eq(Nd4j.argMax(yb, 1)).castTo(x.dataType()).sumNumber().doubleValue();
        }
        return new double[]{lossSum / n, correct / n};
    }

    @Test
    void rightSolutionEarnsEveryPoint() {
        Captured c = Captured.run(() -> EvaluationChecks.evaluate(EvaluationChecksTest::evaluate));
        assertEquals("3/3", c.points());
    }

    @Test
    void unweightedBatchMeansAndWholeSetAtOnceAreExplained() {
        Captured c = Captured.run(() -> EvaluationChecks.evaluate((scoresOf, meanLoss, x, y, b) -> {
            double[] r = evaluate(scoresOf, meanLoss, x, y, (int) x.size(0));
            double[] batched = {0, 0};
            int batches = 0;
            for (long start = 0; start < x.size(0); start += b, batches++) {
                long end = Math.min(x.size(0), start + b);
                double[] one = evaluate(scoresOf, meanLoss, x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()),
                        y.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), b);
                batched[0] += one[0];
                batched[1] += one[1];
            }
            return new double[]{batched[0] / batches, batched[1] / batches};
        }));
        assertEquals("0/3", c.points());
        assertTrue(c.err().contains("your evaluate passed 250 images to the network at once"), c.err());
        assertTrue(c.err().contains("plain average of the batches' values; the last batch has only 50 images"), c.err());
    }

    @Test
    void droppedLastBatchAndShuffledOrderAreExplained() {
        Captured dropped = Captured.run(() -> EvaluationChecks.evaluate((scoresOf, meanLoss, x, y, b) -> {
            long full = x.size(0) / b * b;
            if (full == 0) return evaluate(scoresOf, meanLoss, x, y, b);
            return evaluate(scoresOf, meanLoss, x.get(NDArrayIndex.interval(0, full), NDArrayIndex.all()),
                    y.get(NDArrayIndex.interval(0, full), NDArrayIndex.all()), b);
        }));
        assertTrue(dropped.err().contains("showed only 200 of the 250 images to the network (is the last, smaller batch left out?)"), dropped.err());
        assertTrue(dropped.err().contains("the last, smaller batch is left out"), dropped.err());

        Captured shuffled = Captured.run(() -> EvaluationChecks.evaluate((scoresOf, meanLoss, x, y, b) -> {
            long[] backwards = new long[(int) x.size(0)];
            for (int i = 0; i < backwards.length; i++) backwards[i] = backwards.length - 1 - i;
            return evaluate(scoresOf, meanLoss, x.get(NDArrayIndex.indices(backwards), NDArrayIndex.all()),
                    y.get(NDArrayIndex.indices(backwards), NDArrayIndex.all()), b);
        }));
        assertTrue(shuffled.err().contains("did not take the images in order (image 249 came 1st)"), shuffled.err());
        assertTrue(shuffled.out().contains("✔ evaluate: mean loss: passed"), shuffled.out());
    }
}
