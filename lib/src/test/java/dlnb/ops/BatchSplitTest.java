package dlnb.ops;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSplitTest {
    @Test
    void aBatchTakesOnePartPerThreadWithEnoughExamplesEach() {
        assertEquals(2, BatchSplit.parts(64, 2));
        assertEquals(2, BatchSplit.parts(2 * BatchSplit.MIN_PART, 2));
        assertEquals(1, BatchSplit.parts(2 * BatchSplit.MIN_PART - 1, 2));
        assertEquals(1, BatchSplit.parts(1000, 1));
        assertEquals(4, BatchSplit.parts(1000, 4));
        assertEquals(1, BatchSplit.parts(0, 2));
    }

    @Test
    void thePartsCoverTheBatchInOrderAndEachRunsOnce() {
        INDArray x = Nd4j.arange(17 * 3).castTo(DataType.FLOAT).reshape(17, 3);
        BatchSplit split = BatchSplit.of(17);
        INDArray[] parts = split.views().of(x);
        assertEquals(split.count(), parts.length);
        INDArray joined = Nd4j.concat(0, parts);
        assertArrayEquals(x.ravel().toFloatVector(), joined.ravel().toFloatVector());
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        split.run(k -> assertTrue(ran.add(k), "part " + k + " ran twice"));
        assertEquals(split.count(), ran.size());
    }

    @Test
    void viewsAreMadeAgainOnlyForANewArray() {
        BatchSplit split = BatchSplit.of(32);
        BatchSplit.Views views = split.views();
        INDArray a = Nd4j.zeros(DataType.FLOAT, 32, 2), b = Nd4j.ones(DataType.FLOAT, 32, 2);
        INDArray first = views.of(a)[0];
        assertSame(first, views.of(a)[0]);
        assertEquals(1f, views.of(b)[0].getFloat(0, 0));
    }
}
