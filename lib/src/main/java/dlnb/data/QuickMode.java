package dlnb.data;

import java.util.Map;

/**
 * Quick mode for tests and classrooms: the environment variables {@code DATASET_LIMIT} (training examples
 * used) and {@code MAX_EPOCH} (a cap on epochs) shrink a notebook's work. Unset means the full run.
 */
public final class QuickMode {
    public static final String DATASET_LIMIT = "DATASET_LIMIT";
    public static final String MAX_EPOCH = "MAX_EPOCH";

    private QuickMode() {
    }

    /** True when either variable is set. */
    public static boolean active() {
        return active(System.getenv());
    }

    /** The training-set limit, or {@code Integer.MAX_VALUE} when DATASET_LIMIT is unset. */
    public static int datasetLimit() {
        return datasetLimit(System.getenv());
    }

    /** {@code fullRunEpochs}, capped by MAX_EPOCH when it is set. */
    public static int epochs(int fullRunEpochs) {
        return epochs(fullRunEpochs, System.getenv());
    }

    /** One line saying which mode this run is in, for the top of a notebook. */
    public static String describe() {
        return describe(System.getenv());
    }

    static boolean active(Map<String, String> env) {
        return isSet(env, DATASET_LIMIT) || isSet(env, MAX_EPOCH);
    }

    static int datasetLimit(Map<String, String> env) {
        return positive(env, DATASET_LIMIT, Integer.MAX_VALUE);
    }

    static int epochs(int fullRunEpochs, Map<String, String> env) {
        if (fullRunEpochs <= 0) throw new IllegalArgumentException("epochs must be positive, got " + fullRunEpochs);
        return Math.min(fullRunEpochs, positive(env, MAX_EPOCH, Integer.MAX_VALUE));
    }

    static String describe(Map<String, String> env) {
        if (!active(env)) return "Full run (DATASET_LIMIT and MAX_EPOCH are not set).";
        return "Quick mode: " + (isSet(env, DATASET_LIMIT) ? "at most " + datasetLimit(env) : "all") + " training examples, "
                + (isSet(env, MAX_EPOCH) ? "at most " + positive(env, MAX_EPOCH, 0) : "the full number of") + " epochs.";
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static int positive(Map<String, String> env, String name, int whenUnset) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return whenUnset;
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("environment variable " + name + " must be a positive whole number, got '"
                + value + "'");
    }
}
