package dlnb.plot;

import java.util.Arrays;
import java.util.Locale;

/**
 * One number of an article beside ours, with a verdict. Accuracies and losses are judged against the spread of our
 * runs over several seeds (the article reports one run: a value inside our spread is as close as a re-run of ours
 * would be); speeds and times simply say faster or slower (on other hardware); counts must be equal.
 *
 * @param measure  what is compared, e.g. "test accuracy after epoch 1"
 * @param kind     how to judge it
 * @param article  the article's value, or the low end of its range
 * @param articleHigh the high end of the article's range (equal to {@code article} for a single value)
 * @param ours     our value in this notebook's main run (NaN when this run did not measure it)
 * @param seeds    our value over every seed run, the main run among them (empty when only one run exists)
 * @param note     why a number is missing or differs, in a few words (may be empty)
 */
public record ArticleComparison(String measure, Kind kind, double article, double articleHigh, double ours, double[] seeds,
                                String note) {

    public enum Kind {
        /** Judged against the spread of our seeds. */
        SPREAD,
        /** Higher is better (images/s). */
        HIGHER_IS_FASTER,
        /** Lower is better (seconds). */
        LOWER_IS_FASTER,
        /** Must be equal (parameter counts). */
        EXACT
    }

    public ArticleComparison {
        if (measure == null || measure.isBlank()) throw new IllegalArgumentException("a comparison needs a measure");
        if (articleHigh < article) throw new IllegalArgumentException(measure + ": the article's range is upside down");
        seeds = seeds == null ? new double[0] : seeds.clone();
        note = note == null ? "" : note;
    }

    public boolean measured() {
        return !Double.isNaN(ours);
    }

    /** The article's value as text: one number or a range. */
    public String articleText() {
        return article == articleHigh ? format(article) : format(article) + "–" + format(articleHigh);
    }

    public String oursText() {
        return measured() ? format(ours) : "—";
    }

    /** Ours minus the article's (its nearest end for a range); NaN when not measured or inside the range. */
    public double difference() {
        if (!measured()) return Double.NaN;
        if (ours < article) return ours - article;
        if (ours > articleHigh) return ours - articleHigh;
        return 0;
    }

    public String verdict() {
        if (!measured()) return "not measured in this run" + (note.isEmpty() ? "" : ": " + note);
        return switch (kind) {
            case EXACT -> ours == article ? "equal" : "differs";
            case HIGHER_IS_FASTER -> speed(ours / articleHigh, ours >= article);
            case LOWER_IS_FASTER -> speed(article / ours, ours <= articleHigh);
            case SPREAD -> spread();
        };
    }

    /** Whether the verdict counts as reproduced (inside the spread, equal, or at least as fast). */
    public boolean reproduced() {
        if (!measured()) return false;
        return switch (kind) {
            case EXACT -> ours == article;
            case HIGHER_IS_FASTER -> ours >= article;
            case LOWER_IS_FASTER -> ours <= articleHigh;
            case SPREAD -> seeds.length >= 2 ? overlaps() : difference() == 0;
        };
    }

    private String speed(double ratio, boolean faster) {
        return String.format(Locale.ROOT, "%s (×%.2f), on other hardware", faster ? "faster" : "slower", ratio);
    }

    private String spread() {
        if (seeds.length < 2) return "one run: " + (difference() == 0 ? "inside the article's range" : "off by " + signed(difference()));
        double lo = Arrays.stream(seeds).min().orElseThrow(), hi = Arrays.stream(seeds).max().orElseThrow();
        String range = format(lo) + "–" + format(hi) + " over " + seeds.length + " seeds";
        if (overlaps()) return "within our seed spread (" + range + ")";
        return (hi < article ? "below" : "above") + " our seed spread (" + range + ")";
    }

    private boolean overlaps() {
        double lo = Arrays.stream(seeds).min().orElseThrow(), hi = Arrays.stream(seeds).max().orElseThrow();
        return lo <= articleHigh && hi >= article;
    }

    private static String signed(double d) {
        return (d > 0 ? "+" : "") + format(d);
    }

    /** Four decimals below 10, thousands separators above. */
    static String format(double v) {
        if (Double.isNaN(v)) return "—";
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
