package dlnb.ops;

/**
 * A loss's whole work for one batch in one pass over its outputs and targets, bound once to the arrays: the loss
 * summed over the batch, its gradient (scaled) written into the gradient buffer, and how many rows were classified
 * right. See {@link Losses}.
 */
public interface LossPass {
    /** Runs the pass; returns the unscaled sum of the examples' losses and writes scale·gradient. */
    double run(double scale);

    /** Rows of the last run whose largest output is at the target's 1. */
    long correct();
}
