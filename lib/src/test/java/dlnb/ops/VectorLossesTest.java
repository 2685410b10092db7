package dlnb.ops;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cross-entropy passes put one row per lane, so a row's results must not depend on its lane, on the other rows
 * of its block or on the padding of a last, partial block. Each row is run alone too (in lane 0 of a padded block)
 * and the loss, gradient and right rows of the whole batch must match bit for bit. The batch has two whole blocks
 * and a partial one, ties for the largest output, far-apart scores, -∞ and NaN. (LossPassesTest checks the values
 * against float64.)
 */
class VectorLossesTest {
    private static final int L = VectorKernels.S.length();

    /** A pass bound to (outputs, targets), writing into a gradient array it makes. */
    private record Kind(String name, BiFunction<INDArray, INDArray, LossPass> pass, boolean probabilities) {
    }

    private static final Kind[] KINDS = {
            new Kind("softmax", (z, y) -> VectorLosses.softmaxCrossEntropy(z, y, Nd4j.zerosLike(z)), false),
            new Kind("categorical", (p, y) -> VectorLosses.categoricalCrossEntropy(p, y, Nd4j.zerosLike(p), 1e-7f), true),
            new Kind("binary", (a, y) -> VectorLosses.binaryCrossEntropy(a, y, Nd4j.zerosLike(a), 1e-7f), true),
    };

    private static INDArray gradientOf(LossPass pass) {
        return ((VectorLosses.LanePass) pass).grad;
    }

    @Test
    void aRowGivesTheSameBitsInAnyLaneAndBlock() {
        assertTrue(Simd.enabled(), "the tests run with --add-modules jdk.incubator.vector");
        for (Kind kind : KINDS) for (int classes : new int[]{10, 3, L}) for (boolean withNaN : new boolean[]{false, true}) {
            int rows = 2 * L + 5;
            Nd4j.getRandom().setSeed(classes);
            INDArray z = Nd4j.randn(DataType.FLOAT, rows, classes).muli(4), y = Nd4j.zeros(DataType.FLOAT, rows, classes);
            java.util.Random random = new java.util.Random(classes);
            for (int r = 0; r < rows; r++) y.putScalar(r, random.nextInt(classes), 1f);
            for (int r = 0; r < rows; r += 3) {                         // ties for the largest, at the target and before it
                int target = y.getRow(r).argMax().getInt(0);
                z.putScalar(r, target, 9f);
                z.putScalar(r, (target + 1 + r) % classes, 9f);
            }
            z.putScalar(1, 0, 200f);                                    // a score far ahead of the others
            if (!kind.probabilities) z.putScalar(2, classes - 1, Float.NEGATIVE_INFINITY);
            INDArray out = kind.probabilities ? Transforms.sigmoid(z, true) : z;
            if (withNaN) out.putScalar(L + 1, 1 % classes, Float.NaN);  // a NaN row inside the second block
            String where = kind.name + ", " + classes + " classes" + (withNaN ? ", with NaN" : "");

            LossPass all = kind.pass.apply(out, y);
            double scale = 1.0 / rows, loss = all.run(scale);
            double rowByRow = 0;
            long right = 0;
            for (int r = 0; r < rows; r++) {
                LossPass one = kind.pass.apply(out.getRow(r, true).dup(), y.getRow(r, true).dup());
                rowByRow += one.run(scale);
                right += one.correct();
                assertArrayEquals(gradientOf(one).data().asFloat(), gradientOf(all).getRow(r, true).dup().data().asFloat(), 0f,
                        where + ": gradient of row " + r);
            }
            if (withNaN) assertEquals(rowByRow, loss, 0.0, where + ": loss");   // NaN matches NaN whatever its payload
            else assertEquals(Double.doubleToRawLongBits(rowByRow), Double.doubleToRawLongBits(loss), where + ": loss " + loss + " against " + rowByRow);
            assertEquals(right, all.correct(), where + ": right rows");
        }
    }

    @Test
    void rightRowsCountTiesAsTheFirstLargestOutputAndSkipThePadding() {
        int rows = L + 2;                                               // one whole block and a padded one
        INDArray z = Nd4j.zeros(DataType.FLOAT, rows, 4), y = Nd4j.zeros(DataType.FLOAT, rows, 4);
        for (int r = 0; r < rows; r++) {
            z.putScalar(r, 1, 5f);
            z.putScalar(r, 2, 5f);
            y.putScalar(r, r % 3 == 0 ? 2 : 1, 1f);                    // right only where the target is the first of the tie
        }
        for (Kind kind : KINDS) {
            INDArray out = kind.probabilities ? Transforms.sigmoid(z, true) : z;
            LossPass pass = kind.pass.apply(out, y);
            pass.run(1.0);
            assertEquals(rows - (rows + 2) / 3, pass.correct(), kind.name);
        }
    }
}
