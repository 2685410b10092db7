package dlnb.check;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;

/**
 * Compares a student's result with the reference and, when they differ, says how in words: null, wrong shape, NaN,
 * or the first value out of tolerance with its position; then a {@link Hint} about that position and the
 * {@link Mistake} the result matches, if any. Tolerance: |actual - expected| <= atol + rtol·|expected|.
 */
public final class Compare {
    public static final double RTOL = 1e-4, ATOL = 1e-6;

    private Compare() {
    }

    /** null when {@code actual} matches {@code expected}, else what is wrong. */
    public static String arrays(String what, INDArray expected, INDArray actual, Hint hint, List<Mistake> mistakes) {
        return arrays(what, expected, actual, hint, mistakes, RTOL, ATOL);
    }

    public static String arrays(String what, INDArray expected, INDArray actual, Hint hint, List<Mistake> mistakes,
                                double rtol, double atol) {
        return differences("your " + what + " returned", expected, actual, hint, mistakes, rtol, atol);
    }

    /** As {@link #arrays}, with the sentence's start given, e.g. "at step 2 your adam step moved p by". */
    static String differences(String subject, INDArray expected, INDArray actual, Hint hint, List<Mistake> mistakes,
                         double rtol, double atol) {
        if (actual == null) return subject + " null";
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return subject + " an array of shape " + Numbers.shape(actual.shape()) + ", expected " + Numbers.shape(expected.shape());
        }
        double[] e = values(expected), a = values(actual);
        int bad = firstDifference(e, a, rtol, atol);
        if (bad < 0) return null;
        long[] pos = Numbers.position(bad, expected.shape());
        StringBuilder s = new StringBuilder(subject).append(' ').append(Numbers.show(a[bad]))
                .append(" at ").append(Numbers.position(pos)).append(" (expected ").append(Numbers.show(e[bad])).append(')');
        String h = hint == null ? null : hint.at(pos);
        if (h != null) s.append(", ").append(h);
        String m = matchingMistake(a, mistakes, rtol, atol);
        if (m != null) s.append(h == null ? ": " : "; ").append(m);
        return s.toString();
    }

    /** null when {@code actual} matches {@code expected}, else what is wrong. */
    public static String scalars(String what, double expected, double actual, List<Mistake> mistakes) {
        if (close(expected, actual, RTOL, ATOL)) return null;
        StringBuilder s = new StringBuilder("your ").append(what).append(" returned ").append(Numbers.show(actual))
                .append(" (expected ").append(Numbers.show(expected)).append(')');
        String m = matchingMistake(new double[]{actual}, mistakes, RTOL, ATOL);
        if (m != null) s.append(": ").append(m);
        return s.toString();
    }

    static boolean close(double expected, double actual, double rtol, double atol) {
        if (Double.isNaN(actual)) return Double.isNaN(expected);
        if (Double.isInfinite(actual)) return expected == actual;
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    private static int firstDifference(double[] expected, double[] actual, double rtol, double atol) {
        for (int i = 0; i < expected.length; i++) {
            if (!close(expected[i], actual[i], rtol, atol)) return i;
        }
        return -1;
    }

    private static String matchingMistake(double[] actual, List<Mistake> mistakes, double rtol, double atol) {
        if (mistakes == null) return null;
        for (Mistake m : mistakes) {
            double[] wrong = m.wrongAnswer() instanceof INDArray w ? values(w)
                    : new double[]{((Number) m.wrongAnswer()).doubleValue()};
            if (wrong.length == actual.length && firstDifference(wrong, actual, rtol, atol) < 0) return m.explanation();
        }
        return null;
    }

    static double[] values(INDArray x) {
        return x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
