package dlnb.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCheckTest {
    private static String refusal(INDArray x) {
        return assertThrows(IllegalArgumentException.class, () -> DataCheck.requireFinite(x, "the training set")).getMessage();
    }

    @Test
    void nonFiniteRowsAreNamedForEveryShapeAndLayout() {
        for (long[] shape : new long[][]{{5, 1}, {1, 5}, {1, 1}, {6, 2, 2}, {4, 1, 3, 3}}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            long last = shape[0] - 1;
            x.putScalar(x.length() - 1, Double.NaN);
            String expected = "the training set has 1 NaN value in example (row) " + last + ".";
            assertTrue(refusal(x).startsWith(expected), refusal(x));
            assertTrue(refusal(x.dup('f')).startsWith(expected), "f order: " + refusal(x.dup('f')));
        }
    }

    @Test
    void hugeButFiniteValuesPassThoughTheirSumOverflows() {
        INDArray x = Nd4j.valueArrayOf(new long[]{10, 4}, 3e38f, DataType.FLOAT);
        DataCheck.requireFinite(x, "the training set");
        DataCheck.requireFinite(x.dup('f'), "the training set");
    }

    @Test
    void manyBadRowsAreCountedAndTheFirstFiveShown() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 100, 3);
        for (int r = 10; r < 100; r += 10) x.putScalar(r, 1, Double.POSITIVE_INFINITY);
        assertTrue(refusal(x).startsWith("the training set has 9 infinite values in 9 examples, rows 10, 20, 30, 40, 50, …"), refusal(x));
    }

    @Test
    void otherFloatingTypesAreConvertedAndIntegersRefused() {
        Dataset half = new Dataset(Nd4j.rand(DataType.FLOAT, 4, 3).castTo(DataType.HALF), new int[4], 2);
        assertEquals(DataType.FLOAT, DataCheck.usable(half, DataType.FLOAT, "x").features().dataType());
        Dataset floats = new Dataset(Nd4j.rand(DataType.FLOAT, 4, 3), new int[4], 2);
        assertSame(floats, DataCheck.usable(floats, DataType.FLOAT, "x"), "no copy when the type already fits");
        Dataset ints = new Dataset(Nd4j.zeros(DataType.INT, 4, 3), new int[4], 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataCheck.usable(ints, DataType.FLOAT, "the training set"))
                .getMessage().startsWith("the training set holds INT values"));
        Dataset empty = new Dataset(Nd4j.zeros(DataType.FLOAT, 4, 0), new int[4], 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataCheck.usable(empty, DataType.FLOAT, "the training set"))
                .getMessage().contains("examples without values"));
    }
}
