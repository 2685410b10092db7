package dlnb.check;

/** Words about one position of the input, where a result went wrong, e.g. "where the input was negative: …". */
@FunctionalInterface
public interface Hint {
    Hint NONE = position -> null;

    /** The words, or null when there is nothing to say about this position. */
    String at(long[] position);
}
