package dlnb.model;

import dlnb.data.Dataset;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Sequential#fit} trains, set by name so no two numbers can be swapped:
 * <pre>{@code
 * model.fit(train, new FitOptions().epochs(20).batchSize(100).validationData(test));
 * }</pre>
 * Defaults as in Keras: 1 epoch, batches of 32, shuffled every epoch, a progress line per epoch (verbose 1).
 * {@code epochs} is the number of the last epoch, as in Keras: with {@code initialEpoch(3).epochs(5)} training runs
 * epochs 4 and 5, continuing a model loaded from a checkpoint written after epoch 3.
 */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private int initialEpoch = 0;
    private Dataset validation;
    private final List<Callback> callbacks = new ArrayList<>();
    private boolean shuffle = true;
    private int verbose = 1;
    private PrintStream output = System.out;

    public FitOptions epochs(int epochs) {
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        this.epochs = epochs;
        return this;
    }

    public FitOptions batchSize(int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("the batch size must be positive, got " + batchSize);
        this.batchSize = batchSize;
        return this;
    }

    /** The number of epochs already trained (Keras' initial_epoch): training starts with epoch initialEpoch + 1. */
    public FitOptions initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) throw new IllegalArgumentException("initialEpoch must not be negative, got " + initialEpoch);
        this.initialEpoch = initialEpoch;
        return this;
    }

    /** Evaluated after every epoch (val_loss, val_accuracy); it plays no part in training. */
    public FitOptions validationData(Dataset validation) {
        this.validation = validation;
        return this;
    }

    public FitOptions callbacks(Callback... callbacks) {
        for (Callback c : callbacks) {
            if (c == null) throw new IllegalArgumentException("a callback must not be null");
            this.callbacks.add(c);
        }
        return this;
    }

    /** Whether each epoch visits the examples in a new random order (default true). */
    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** 0: silent; 1: Keras' progress line (default); 2: one line per epoch. */
    public FitOptions verbose(int level) {
        if (level < 0 || level > 2) throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + level);
        this.verbose = level;
        return this;
    }

    /** Where progress goes (System.out by default). */
    public FitOptions output(PrintStream stream) {
        if (stream == null) throw new IllegalArgumentException("the output stream must not be null");
        this.output = stream;
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    public Dataset validation() {
        return validation;
    }

    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    public boolean shuffle() {
        return shuffle;
    }

    public int verbose() {
        return verbose;
    }

    public PrintStream output() {
        return output;
    }

    @Override
    public String toString() {
        return "FitOptions[epochs=" + epochs + ", batchSize=" + batchSize + (initialEpoch > 0 ? ", initialEpoch=" + initialEpoch : "")
                + (validation != null ? ", validation " + validation.size() + " examples" : "") + ", shuffle=" + shuffle
                + ", verbose=" + verbose + (callbacks.isEmpty() ? "" : ", " + callbacks.size() + " callbacks") + "]";
    }
}
