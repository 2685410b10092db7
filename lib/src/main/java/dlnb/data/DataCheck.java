package dlnb.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks data once, before training or evaluation starts, so native code never sees what it cannot handle and a
 * mistake is reported where it is made: features must be floating point (and are converted to the model's type
 * when they are another floating type), and every value must be a number. The check is a few native passes over the
 * whole set, once per call of fit or evaluate; nothing is checked per batch.
 */
public final class DataCheck {
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

    /** Fails unless x has a row per example and floating-point values. */
    public static void requireFloatingRows(INDArray x, String what) {
        if (x.rank() < 2) throw new IllegalArgumentException(what + " must have one row per example (rank >= 2), got rank " + x.rank());
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(what + " holds " + x.dataType() + " values; the network needs floating-point"
                    + " inputs: convert them, e.g. x.castTo(DataType.FLOAT).divi(255) for pixels 0-255 (Mnist.load does this)");
        }
    }

    /** Fails, naming the first examples concerned, if any value of x is NaN or infinite. */
    public static void requireFinite(INDArray x, String what) {
        long nan = count(x, Conditions.isNan());
        long inf = count(x, Conditions.isInfinite());
        if (nan == 0 && inf == 0) return;
        INDArray rows = x.reshape('c', x.size(0), x.length() / x.size(0));
        INDArray perRow = Nd4j.getExecutioner().exec(new MatchCondition(rows, Conditions.notFinite(), 1));
        List<Long> bad = new ArrayList<>();
        long badCount = 0;
        long[] counts = perRow.toLongVector();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) continue;
            badCount++;
            if (bad.size() < 5) bad.add((long) i);
        }
        throw new IllegalArgumentException(what + " has " + (nan > 0 ? nan + " NaN" : "") + (nan > 0 && inf > 0 ? " and " : "")
                + (inf > 0 ? inf + " infinite" : "") + " value(s) in " + badCount + " example(s), e.g. row(s) "
                + bad.toString().replaceAll("[\\[\\]]", "") + (badCount > bad.size() ? ", …" : "")
                + "; fix or drop them before training (a division by zero in the preprocessing is the usual cause)");
    }

    private static long count(INDArray x, Condition condition) {
        return Nd4j.getExecutioner().exec(new MatchCondition(x, condition)).getLong(0);
    }
}
