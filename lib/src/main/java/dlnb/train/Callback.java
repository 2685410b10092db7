package dlnb.train;

/** Hooks into {@link Model#fit}; every method is optional. Call {@link Model#stopTraining} to end training early. */
public interface Callback {
    default void onTrainBegin(Model model) {
    }

    /** Before epoch {@code epoch} (counting from 1). */
    default void onEpochBegin(int epoch, Model model) {
    }

    default void onBatchEnd(BatchLogs logs, Model model) {
    }

    default void onEpochEnd(EpochLogs logs, Model model) {
    }

    default void onTrainEnd(History history, Model model) {
    }
}
