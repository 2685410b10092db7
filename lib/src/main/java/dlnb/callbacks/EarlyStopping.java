package dlnb.callbacks;

import dlnb.model.Callback;
import dlnb.model.EpochLogs;
import dlnb.model.History;
import dlnb.model.Sequential;
import dlnb.model.WeightsSnapshot;

/**
 * Stops training when a logged value has not improved for {@code patience} epochs in a row, counted as Keras
 * counts them: with patience 3 and no improvement after epoch 1, training stops after epoch 4. val_loss and loss
 * must fall, accuracies must rise, by more than {@code minDelta}. With {@code restoreBest}, the weights of the best
 * epoch are put back when training ends.
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;
    private double best;
    private int bestEpoch;
    private int waited;
    private WeightsSnapshot bestWeights;
    private int stoppedEpoch;

    public EarlyStopping(String monitor, int patience) {
        this(monitor, patience, 0, false);
    }

    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBest) {
        new EpochLogs(0, 0, 0, 0, 0, 0, 0, 0).get(monitor); // fails on an unknown name
        if (patience < 0) throw new IllegalArgumentException("patience must not be negative, got " + patience);
        this.monitor = monitor;
        this.patience = patience;
        this.minDelta = Math.abs(minDelta);
        this.restoreBest = restoreBest;
    }

    private boolean higherIsBetter() {
        return monitor.endsWith("accuracy");
    }

    @Override
    public void onTrainBegin(Sequential model) {
        best = higherIsBetter() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        waited = 0;
        stoppedEpoch = 0;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(EpochLogs logs, Sequential model) {
        double value = logs.get(monitor);
        if (Double.isNaN(value)) {
            throw new IllegalStateException("EarlyStopping watches " + monitor + ", which this fit does not log"
                    + (monitor.startsWith("val_") ? " (give FitOptions.validationData)" : ""));
        }
        boolean improved = higherIsBetter() ? value > best + minDelta : value < best - minDelta;
        if (improved) {
            best = value;
            bestEpoch = logs.epoch();
            waited = 0;
            if (restoreBest) bestWeights = model.snapshot();
            return;
        }
        waited++;
        if (waited >= patience) {
            stoppedEpoch = logs.epoch();
            model.stopTraining("no improvement of " + monitor + " for " + waited + " epochs after epoch " + bestEpoch);
        }
    }

    @Override
    public void onTrainEnd(History history, Sequential model) {
        if (restoreBest && bestWeights != null) model.restore(bestWeights);
    }

    /** The epoch at which training was stopped, or 0 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch with the best value seen. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
