package dlnb.model;

/**
 * One mini-batch: its loss as optimised (including the regularisation penalty) and the penalty's part of it.
 * Epochs and batches count from 1.
 */
public record BatchLogs(int epoch, int batch, int size, double loss, double regularization) {

    /** The penalty's share of the batch's cost, 0 to 1. */
    public double regularizationShare() {
        return loss == 0 ? 0 : regularization / loss;
    }
}
