package dlnb.metrics;

/** What a model's fit reports besides the loss. */
public enum Metric {
    /** The fraction of examples whose highest-scoring class is the true one. */
    ACCURACY
}
