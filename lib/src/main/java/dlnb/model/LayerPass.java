package dlnb.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.UnaryOperator;

/**
 * One pass of a training step as the model runs it: a single layer, or several it runs as one (the fused first
 * layers, a oneDNN chain). {@code backward} takes the gradient of the pass's output and returns that of its input,
 * or null where none is computed (the first layer's). For profiling: {@link Sequential#passes()}.
 */
public record LayerPass(String name, UnaryOperator<INDArray> forward, UnaryOperator<INDArray> backward) {
}
