package dlnb.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A copy of all of a model's parameter values at one moment (e.g. the initial weights, to train again from them). */
public record WeightsSnapshot(INDArray values) {
}
