package dlnb.model;

/**
 * Hooks into {@link Sequential#fit}, as Keras' callbacks; every method is optional. Epochs count from 1. Call
 * {@link Sequential#stopTraining} to end training after the current epoch.
 */
public interface Callback {
    default void onTrainBegin(Sequential model) {
    }

    /** Before epoch {@code epoch}. */
    default void onEpochBegin(int epoch, Sequential model) {
    }

    default void onBatchEnd(BatchLogs logs, Sequential model) {
    }

    default void onEpochEnd(EpochLogs logs, Sequential model) {
    }

    default void onTrainEnd(History history, Sequential model) {
    }
}
