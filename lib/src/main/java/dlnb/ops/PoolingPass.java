package dlnb.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pooling layer's two directions as direct passes bound to one batch shape ({@link MaxPool2x2}). This interface
 * names no Vector API type, so a layer can hold one without loading that module.
 */
public interface PoolingPass {
    /** Whether the pass can work on these arrays (float32, contiguous, the bound shape). */
    boolean takes(INDArray... arrays);

    /** y = pool(x). */
    void forward(INDArray x, INDArray y);

    /** dx from x, its pooled y and dy. */
    void backward(INDArray x, INDArray y, INDArray dy, INDArray dx);
}
