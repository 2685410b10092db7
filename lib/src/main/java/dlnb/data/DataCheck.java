package dlnb.data;

import dlnb.ops.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.transforms.bool.MatchConditionTransform;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks data once, before training or evaluation starts, so native code never sees what it cannot handle and a
 * mistake is reported where it is made: features must be floating point (and are converted to the model's type
 * when they are another floating type), there must be values, and every value must be a number. The check is one
 * BLAS pass over the whole set (more only to describe a problem), once per call of fit, evaluate or predict; nothing
 * is checked per batch. Every refusal is an IllegalArgumentException saying what is wrong, where,
 * and what to do.
 */
public final class DataCheck {
    private static final int ROWS_SHOWN = 5;

    private DataCheck() {
    }

    /**
     * The dataset with features of type {@code modelType} (converted when they are another floating type), after
     * checking that every value is finite. Fails naming {@code what} and the first examples with NaN or infinity.
     */
    public static Dataset usable(Dataset data, DataType modelType, String what) {
        requireFloatingRows(data.features(), what);
        Dataset d = data.features().dataType() == modelType ? data : data.withFeatures(data.features().castTo(modelType));
        requireFinite(d.features(), what);
        return d;
    }

    /** Fails unless x has a row per example, at least one value per row, and floating-point values. */
    public static void requireFloatingRows(INDArray x, String what) {
        if (x.rank() < 2) throw new IllegalArgumentException(what + " must have one row per example (rank >= 2), got rank " + x.rank());
        if (x.size(0) == 0) throw new IllegalArgumentException(what + " is empty (shape " + Arrays.toString(x.shape()) + ")");
        if (x.length() == 0) {
            throw new IllegalArgumentException(what + " has examples without values (shape " + Arrays.toString(x.shape())
                    + "): every axis after the first must be at least 1");
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(what + " holds " + x.dataType() + " values; the network needs floating-point"
                    + " inputs: convert them, e.g. x.castTo(DataType.FLOAT).divi(255) for pixels 0-255 (Mnist.load does this)");
        }
    }

    /** Fails, naming the first examples concerned, if any value of x is NaN or infinite. */
    public static void requireFinite(INDArray x, String what) {
        // Σ|x| is NaN or infinite whenever one value is; it is finite for any finite data short of ~1e38 in all. One
        // BLAS pass (about ten times faster than ND4J's MatchCondition here); only a non-finite sum is looked into.
        if (Double.isFinite(Blas.asum(x))) return;
        if (count(x, Conditions.notFinite()) == 0) return;
        long nan = count(x, Conditions.isNan());
        long inf = count(x, Conditions.isInfinite());
        long[] perRow = nonFinitePerRow(x);
        List<Long> bad = new ArrayList<>();
        long badCount = 0;
        for (int i = 0; i < perRow.length; i++) {
            if (perRow[i] == 0) continue;
            badCount++;
            if (bad.size() < ROWS_SHOWN) bad.add((long) i);
        }
        String values = (nan > 0 ? nan + " NaN" : "") + (nan > 0 && inf > 0 ? " and " : "") + (inf > 0 ? inf + " infinite" : "")
                + (nan + inf == 1 ? " value" : " values");
        String where = badCount == 1 ? "example (row) " + bad.get(0)
                : badCount + " examples, rows " + bad.toString().replaceAll("[\\[\\]]", "") + (badCount > bad.size() ? ", …" : "");
        throw new IllegalArgumentException(what + " has " + values + " in " + where + ". A network cannot learn from or be"
                + " scored on them: fix or drop these rows first (a division by zero in preprocessing, e.g. standardising"
                + " a pixel that is constant, is the usual cause)");
    }

    /**
     * How many values of each example are not finite. (A MatchCondition along axis 1 fails in ND4J for examples of
     * one value: this takes a mask and sums its rows instead. Only runs to describe a problem.)
     */
    private static long[] nonFinitePerRow(INDArray x) {
        long n = x.size(0), width = x.length() / n;
        INDArray mask = Nd4j.getExecutioner().exec(new MatchConditionTransform(x.dup('c'), Conditions.notFinite()))
                .castTo(DataType.LONG).reshape('c', n, width);
        return width == 1 ? mask.dup('c').data().asLong() : mask.sum(1).data().asLong();
    }

    private static long count(INDArray x, Condition condition) {
        return Nd4j.getExecutioner().exec(new MatchCondition(x, condition)).getLong(0);
    }
}
