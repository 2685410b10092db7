package dlnb.model;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link Sequential#fit} returns: one row per epoch (epoch, loss, accuracy, val_loss, val_accuracy, seconds,
 * images_per_s, lr) as a Tablesaw table, plus the per-batch costs and why training stopped early, if it did.
 */
public final class History {
    private final List<EpochLogs> epochs = new ArrayList<>();
    private final List<BatchLogs> batches = new ArrayList<>();
    private String stopReason;

    /** A history made of these epochs (e.g. to plot a run while it is still going). */
    public static History of(List<EpochLogs> epochs) {
        History h = new History();
        epochs.forEach(h::add);
        return h;
    }

    void add(EpochLogs logs) {
        epochs.add(logs);
    }

    void add(BatchLogs logs) {
        batches.add(logs);
    }

    void stopped(String reason) {
        if (stopReason == null) stopReason = reason;
    }

    public List<EpochLogs> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Every mini-batch's cost and regularisation part, in training order. */
    public List<BatchLogs> batches() {
        return Collections.unmodifiableList(batches);
    }

    /** Why training ended before its last epoch (early stopping, a non-finite loss), or null. */
    public String stopReason() {
        return stopReason;
    }

    public EpochLogs last() {
        if (epochs.isEmpty()) throw new IllegalStateException("no epoch has finished");
        return epochs.get(epochs.size() - 1);
    }

    /** One logged value per epoch, by its Keras name (loss, accuracy, val_loss, val_accuracy). */
    public double[] values(String name) {
        return epochs.stream().mapToDouble(e -> e.get(name)).toArray();
    }

    public Table table() {
        Table t = Table.create("History",
                IntColumn.create("epoch", epochs.stream().mapToInt(EpochLogs::epoch).toArray()),
                DoubleColumn.create("loss", epochs.stream().mapToDouble(EpochLogs::loss)),
                DoubleColumn.create("accuracy", epochs.stream().mapToDouble(EpochLogs::accuracy)),
                DoubleColumn.create("val_loss", epochs.stream().mapToDouble(EpochLogs::valLoss)),
                DoubleColumn.create("val_accuracy", epochs.stream().mapToDouble(EpochLogs::valAccuracy)),
                DoubleColumn.create("seconds", epochs.stream().mapToDouble(EpochLogs::seconds)),
                DoubleColumn.create("images_per_s", epochs.stream().mapToDouble(EpochLogs::imagesPerSecond)),
                DoubleColumn.create("lr", epochs.stream().mapToDouble(EpochLogs::learningRate)));
        for (var c : t.columns()) {
            if (c instanceof DoubleColumn d && !d.name().equals("lr")) {
                d.setPrintFormatter(new tech.tablesaw.columns.numbers.NumberColumnFormatter(
                        new java.text.DecimalFormat(d.name().equals("images_per_s") ? "#,##0" : "0.0000"), "—"));
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return table().printAll() + (stopReason == null ? "" : "\nstopped: " + stopReason);
    }
}
