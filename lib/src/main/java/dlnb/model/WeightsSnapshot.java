package dlnb.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A copy of all of a model's arrays at one moment, trainable parameters and non-trainable state alike (e.g. the
 * initial weights, to train again from them).
 */
public record WeightsSnapshot(INDArray values, INDArray state) {
}
