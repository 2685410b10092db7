package dlnb.check;

import java.util.Locale;

/**
 * The one line per check cell that the grader reads ({@code environment/assignments.sh grade}); students can ignore
 * it. Exact format, on standard output, alone on its line:
 * <pre>
 * [dlnb-check] grade_id=&lt;grade id&gt; points=&lt;earned&gt;/&lt;max&gt;
 * </pre>
 * The grade id is the check cell's nbgrader {@code grade_id} (letters, digits, '_' and '-'); earned and max are
 * non-negative decimal numbers written without a trailing ".0" ({@code 2}, {@code 1.5}). As a regular expression:
 * {@code ^\[dlnb-check\] grade_id=([A-Za-z0-9_-]+) points=([0-9]+(?:\.[0-9]+)?)/([0-9]+(?:\.[0-9]+)?)$}.
 * When a cell prints the line more than once for the same id, the last one counts.
 */
public final class PointsLine {
    public static final String PREFIX = "[dlnb-check]";

    private PointsLine() {
    }

    public static String format(String gradeId, double earned, double max) {
        if (!gradeId.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("not a valid grade id: '" + gradeId + "'");
        if (!(earned >= 0) || !(max >= 0) || earned > max) {
            throw new IllegalArgumentException("points must satisfy 0 <= earned <= max, got " + earned + "/" + max);
        }
        return PREFIX + " grade_id=" + gradeId + " points=" + number(earned) + "/" + number(max);
    }

    static String number(double points) {
        if (points == Math.rint(points)) return Long.toString((long) points);
        return String.format(Locale.ROOT, "%.4f", points).replaceFirst("0+$", "");
    }
}
