package dlnb.loss;

/** How a loss combines the examples of a batch: their sum (as the hand-written MLP article does) or their mean. */
public enum Reduction {
    SUM, MEAN;

    double scale(long batchSize) {
        return this == MEAN ? 1.0 / batchSize : 1.0;
    }
}
