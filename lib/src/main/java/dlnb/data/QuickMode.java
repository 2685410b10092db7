package dlnb.data;

import java.util.Map;

/**
 * Quick mode for tests and classrooms: a notebook then trains on fewer examples for fewer epochs, its own budget
 * chosen so that its lesson still shows. {@code DLNB_QUICK=1} asks for each notebook's budget; {@code DATASET_LIMIT}
 * (training examples) and {@code MAX_EPOCH} (a cap on epochs) set the numbers themselves and switch quick mode on
 * too. All unset means the full run, with every example and every epoch the articles used.
 */
public final class QuickMode {
    public static final String QUICK = "DLNB_QUICK";
    public static final String DATASET_LIMIT = "DATASET_LIMIT";
    public static final String MAX_EPOCH = "MAX_EPOCH";

    private QuickMode() {
    }

    /** True when any of the three variables is set. */
    public static boolean active() {
        return active(System.getenv());
    }

    /**
     * How many training examples to use: DATASET_LIMIT when set, else {@code quickBudget} in quick mode, else all
     * ({@code Integer.MAX_VALUE}).
     */
    public static int examples(int quickBudget) {
        return examples(quickBudget, System.getenv());
    }

    /** How many epochs: MAX_EPOCH (at most {@code fullRun}) when set, else {@code quickBudget} in quick mode, else {@code fullRun}. */
    public static int epochs(int fullRun, int quickBudget) {
        return epochs(fullRun, quickBudget, System.getenv());
    }

    /** One line saying which mode this run is in, for the top of a notebook. */
    public static String describe() {
        return describe(System.getenv());
    }

    static boolean active(Map<String, String> env) {
        return quickFlag(env) || isSet(env, DATASET_LIMIT) || isSet(env, MAX_EPOCH);
    }

    static int examples(int quickBudget, Map<String, String> env) {
        if (quickBudget <= 0) throw new IllegalArgumentException("the quick budget must be positive, got " + quickBudget);
        if (isSet(env, DATASET_LIMIT)) return positive(env, DATASET_LIMIT);
        return active(env) ? quickBudget : Integer.MAX_VALUE;
    }

    static int epochs(int fullRun, int quickBudget, Map<String, String> env) {
        if (fullRun <= 0 || quickBudget <= 0) throw new IllegalArgumentException("epochs must be positive, got " + fullRun + ", " + quickBudget);
        if (isSet(env, MAX_EPOCH)) return Math.min(fullRun, positive(env, MAX_EPOCH));
        return active(env) ? Math.min(fullRun, quickBudget) : fullRun;
    }

    static String describe(Map<String, String> env) {
        if (!active(env)) return "Full run (" + QUICK + ", " + DATASET_LIMIT + " and " + MAX_EPOCH + " are not set).";
        StringBuilder s = new StringBuilder("Quick mode: ");
        if (isSet(env, DATASET_LIMIT)) s.append("at most ").append(positive(env, DATASET_LIMIT)).append(" training examples");
        else s.append("this notebook's budget of training examples");
        s.append(", ");
        if (isSet(env, MAX_EPOCH)) s.append("at most ").append(positive(env, MAX_EPOCH)).append(" epochs");
        else s.append("its budget of epochs");
        return s.append(" (unset ").append(QUICK).append(", ").append(DATASET_LIMIT).append(" and ").append(MAX_EPOCH)
                .append(" for the full run).").toString();
    }

    private static boolean quickFlag(Map<String, String> env) {
        String v = env.get(QUICK);
        if (v == null || v.isBlank() || v.trim().equals("0")) return false;
        if (v.trim().equals("1")) return true;
        throw new IllegalArgumentException("environment variable " + QUICK + " must be 1 (quick mode) or 0, got '" + v + "'");
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static int positive(Map<String, String> env, String name) {
        String value = env.get(name);
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
