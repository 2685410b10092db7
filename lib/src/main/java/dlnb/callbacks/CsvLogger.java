package dlnb.callbacks;

import dlnb.io.AtomicFiles;
import dlnb.model.Callback;
import dlnb.model.EpochLogs;
import dlnb.model.Sequential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one CSV row per epoch (epoch, loss, accuracy, val_loss, val_accuracy, seconds, images_per_s, lr), as Keras'
 * CSVLogger. The file is rewritten whole and atomically after each epoch, so it never holds half a row. With
 * {@code append}, rows of earlier epochs already in the file are kept (for a run continued from a checkpoint).
 */
public final class CsvLogger implements Callback {
    static final String HEADER = "epoch,loss,accuracy,val_loss,val_accuracy,seconds,images_per_s,lr";
    private final Path file;
    private final boolean append;
    private final List<String> rows = new ArrayList<>();

    public CsvLogger(Path file) {
        this(file, false);
    }

    public CsvLogger(Path file, boolean append) {
        if (file == null) throw new IllegalArgumentException("the CSV file must not be null");
        this.file = file;
        this.append = append;
    }

    @Override
    public void onTrainBegin(Sequential model) {
        rows.clear();
        if (!append || !Files.exists(file)) return;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                throw new IllegalStateException(file + " is not a CsvLogger file (its first line is not \"" + HEADER + "\")");
            }
            rows.addAll(lines.subList(1, lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    @Override
    public void onEpochBegin(int epoch, Sequential model) {
        // A continued run rewrites the epochs it trains again: keep only rows of earlier epochs.
        rows.removeIf(r -> Integer.parseInt(r.substring(0, r.indexOf(','))) >= epoch);
    }

    @Override
    public void onEpochEnd(EpochLogs e, Sequential model) {
        rows.add(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%.3f,%.1f,%s", e.epoch(), number(e.loss()), number(e.accuracy()),
                number(e.valLoss()), number(e.valAccuracy()), e.seconds(), e.imagesPerSecond(), number(e.learningRate())));
        try {
            AtomicFiles.write(file, (HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException("could not write " + file, ex);
        }
    }

    /** Full precision; NaN (no validation set) as an empty field. */
    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
