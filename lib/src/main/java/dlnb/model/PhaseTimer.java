package dlnb.model;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Wall-clock time spent in each {@link Phase} of training. {@link #mark()} starts a stretch; {@link #lap(Phase)}
 * charges the time since the last mark (or lap) to a phase. ND4J's CPU ops run synchronously, so the time of an op
 * falls in the phase that called it.
 */
public final class PhaseTimer {
    private final long[] nanos = new long[Phase.values().length];
    private long last;
    private long batches;

    public void mark() {
        last = System.nanoTime();
    }

    public void lap(Phase phase) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - last;
        last = now;
    }

    void countBatch() {
        batches++;
    }

    public void reset() {
        Arrays.fill(nanos, 0);
        batches = 0;
    }

    public double seconds(Phase phase) {
        return nanos[phase.ordinal()] / 1e9;
    }

    public Map<Phase, Double> seconds() {
        Map<Phase, Double> m = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) m.put(p, seconds(p));
        return m;
    }

    /** Phase, total seconds, share of the total, and microseconds per mini-batch. */
    public Table table() {
        double total = Arrays.stream(nanos).sum() / 1e9;
        Table t = Table.create("Time per phase",
                StringColumn.create("phase"), DoubleColumn.create("seconds"), DoubleColumn.create("share"),
                DoubleColumn.create("us_per_batch"));
        for (Phase p : Phase.values()) {
            t.stringColumn("phase").append(p.name().toLowerCase());
            t.doubleColumn("seconds").append(seconds(p));
            t.doubleColumn("share").append(total == 0 ? 0 : seconds(p) / total);
            t.doubleColumn("us_per_batch").append(batches == 0 ? 0 : seconds(p) * 1e6 / batches);
        }
        return t;
    }
}
