package dlnb.train;

/** What {@link Model#fit} reports besides the loss. */
public enum Metric {
    /** The fraction of examples whose highest-scoring class is the true one. */
    ACCURACY
}
