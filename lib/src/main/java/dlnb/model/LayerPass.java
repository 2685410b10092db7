package dlnb.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.UnaryOperator;

/**
 * One pass of a training step as the model runs it: a single layer, or several it runs as one (the fused first
 * layers, a oneDNN chain). {@code backward} takes the gradient of the pass's output and returns that of its input
 * (null when the pass starts the network). For profiling: {@link Sequential#passes()}.
 */
public record LayerPass(String name, int first, int count, UnaryOperator<INDArray> forward, UnaryOperator<INDArray> backward) {
}
