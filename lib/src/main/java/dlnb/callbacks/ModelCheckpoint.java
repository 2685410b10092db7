package dlnb.callbacks;

import dlnb.model.Callback;
import dlnb.model.EpochLogs;
import dlnb.model.Sequential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves the whole model ({@link Sequential#save}) after each epoch, or only when the monitored value improved, as
 * Keras' ModelCheckpoint. "{epoch}" in the file name becomes the epoch number, so every epoch can keep its own file.
 * Each save is atomic: a run killed mid-save leaves the previous checkpoint intact. To continue a long run after a
 * crash: {@code Sequential.load(path)}, then fit with {@code initialEpoch(model.trainedEpochs())}.
 */
public final class ModelCheckpoint implements Callback {
    private final String pattern;
    private final String monitor;
    private final boolean bestOnly;
    private double best;
    private int every = 1;
    private Path lastSaved;
    private int lastEpoch;

    /** Saves after every epoch. */
    public ModelCheckpoint(Path file) {
        this(file, null, false);
    }

    /**
     * Saves after every {@code epochs}-th epoch only (and after the last epoch of a fit), e.g. every 50 of 800
     * epochs, so a long run does not spend its time writing files.
     */
    public ModelCheckpoint everyEpochs(int epochs) {
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        this.every = epochs;
        return this;
    }

    /** Saves only when {@code monitor} (e.g. "val_accuracy") improved on the best so far. */
    public static ModelCheckpoint bestOnly(Path file, String monitor) {
        return new ModelCheckpoint(file, monitor, true);
    }

    private ModelCheckpoint(Path file, String monitor, boolean bestOnly) {
        if (file == null) throw new IllegalArgumentException("the checkpoint file must not be null");
        if (monitor != null) new EpochLogs(0, 0, 0, 0, 0, 0, 0, 0).get(monitor); // fails on an unknown name
        this.pattern = file.toString();
        this.monitor = monitor;
        this.bestOnly = bestOnly;
        this.best = monitor != null && monitor.endsWith("accuracy") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onTrainBegin(Sequential model) {
        lastEpoch = 0;
    }

    @Override
    public void onEpochEnd(EpochLogs logs, Sequential model) {
        lastEpoch = logs.epoch();
        if (logs.epoch() % every != 0) return;
        if (bestOnly) {
            double value = logs.get(monitor);
            if (Double.isNaN(value)) throw new IllegalStateException("ModelCheckpoint watches " + monitor + ", which this fit does not log");
            boolean improved = monitor.endsWith("accuracy") ? value > best : value < best;
            if (!improved) return;
            best = value;
        }
        save(model, logs.epoch());
    }

    @Override
    public void onTrainEnd(dlnb.model.History history, Sequential model) {
        if (!bestOnly && every > 1 && lastEpoch > 0 && lastEpoch % every != 0) save(model, lastEpoch);
    }

    private void save(Sequential model, int epoch) {
        Path file = Path.of(pattern.replace("{epoch}", String.valueOf(epoch)));
        try {
            lastSaved = model.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the checkpoint after epoch " + epoch + " to " + file, e);
        }
    }

    /** The file written last, or null before the first save. */
    public Path lastSaved() {
        return lastSaved;
    }
}
