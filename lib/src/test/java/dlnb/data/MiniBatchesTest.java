package dlnb.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MiniBatchesTest {
    /** 10 examples whose single feature is their index, labels index % 3. */
    private static Dataset numbered(int n) {
        INDArray x = Nd4j.arange(0, n).castTo(DataType.FLOAT).reshape(n, 1);
        int[] labels = new int[n];
        Arrays.setAll(labels, i -> i % 3);
        return new Dataset(x, labels, 3);
    }

    @Test
    void shuffledBatchesCoverEveryExampleOncePerEpochAndKeepLabelsWithTheirExamples() {
        MiniBatches b = MiniBatches.shuffled(numbered(10), 4, 1);
        b.nextEpoch();
        assertEquals(3, b.count());
        assertEquals(2, b.get(2).size());
        Set<Integer> seen = new HashSet<>();
        int[] labels = b.labels();
        for (int i = 0; i < b.count(); i++) {
            Batch batch = b.get(i);
            for (int r = 0; r < batch.size(); r++) {
                int example = batch.x().getInt(r, 0);
                seen.add(example);
                assertEquals(example % 3, labels[batch.start() + r]);
                assertEquals(1f, batch.y().getFloat(r, example % 3), 0f);
            }
        }
        assertEquals(10, seen.size());
        int[] first = b.order();
        b.nextEpoch();
        assertNotEquals(Arrays.toString(first), Arrays.toString(b.order()));
    }

    /**
     * With a core to spare, the next batch is gathered while the caller works on this one, into a second buffer, in
     * pieces of 16 rows (37-row batches end in a short piece, the last batch of 15 is shorter than one piece):
     * whatever order batches are asked for in, each holds the rows the epoch's order names.
     */
    @Test
    void batchesGatheredAheadHoldTheRowsOfTheirPlaceInTheOrder() {
        MiniBatches b = MiniBatches.shuffled(numbered(200), 37, 7);
        assertEquals(dlnb.ops.SpareCore.availableHere(), b.gathersAhead());
        for (int epoch = 0; epoch < 3; epoch++) {
            b.nextEpoch();
            int[] order = b.order();
            int[] sequence = {0, 1, 2, 3, 4, 5, 2, 2, 0, 5, 3};
            for (int i : sequence) {
                Batch batch = b.get(i);
                assertEquals(b.size(i), batch.size());
                for (int r = 0; r < batch.size(); r++) {
                    int example = order[batch.start() + r];
                    assertEquals(example, batch.x().getInt(r, 0), "epoch " + epoch + ", batch " + i + ", row " + r);
                    assertEquals(1f, batch.y().getFloat(r, example % 3), 0f);
                }
            }
            b.get(4); // the epoch ends with batch 5 being gathered ahead: the next order must not be mixed with it
        }
    }

    /** A batch of at least 2^18 floats is gathered by every core at once (dlnb.ops.Rows): each row still lands whole. */
    @Test
    void largeBatchesGatheredInPartsHoldTheirRowsWhole() {
        int n = 2000, width = 200;
        INDArray x = Nd4j.arange(0, n * width).castTo(DataType.FLOAT).reshape(n, width);   // x[i, c] = i·width + c
        int[] labels = new int[n];
        Arrays.setAll(labels, i -> i % 3);
        MiniBatches b = MiniBatches.shuffled(new Dataset(x, labels, 3), 1500, 4);
        b.nextEpoch();
        int[] order = b.order();
        for (int i = 0; i < b.count(); i++) {
            Batch batch = b.get(i);
            for (int r = 0; r < batch.size(); r++) {
                int example = order[batch.start() + r];
                assertEquals(example * width, batch.x().getFloat(r, 0), 0f, "batch " + i + " row " + r + " starts");
                assertEquals(example * width + width - 1, batch.x().getFloat(r, width - 1), 0f, "batch " + i + " row " + r + " ends");
                assertEquals(1f, batch.y().getFloat(r, example % 3), 0f);
            }
        }
    }

    @Test
    void sameSeedSameOrders() {
        MiniBatches a = MiniBatches.shuffled(numbered(50), 7, 9), b = MiniBatches.shuffled(numbered(50), 7, 9);
        for (int e = 0; e < 3; e++) {
            a.nextEpoch();
            b.nextEpoch();
            assertArrayEquals(a.order(), b.order());
        }
    }

    @Test
    void batchesOfASliceNotAtTheStartAreWhole() {
        // Regression: ND4J returned empty views for batches deep into a slice that did not start at row 0.
        Dataset all = numbered(1600);
        Dataset tail = all.slice(600, 1600).reshape(1, 1);
        MiniBatches b = MiniBatches.inOrder(tail, 50);
        for (int i = 0; i < b.count(); i++) {
            assertEquals(50, b.get(i).size());
            assertEquals(600 + 50 * i, b.get(i).x().getInt(0, 0, 0));
        }
    }

    @Test
    void refusesABadBatchSize() {
        assertThrows(IllegalArgumentException.class, () -> MiniBatches.inOrder(numbered(5), 0));
    }
}
