package dlnb.nn;

import dlnb.ops.BatchCache;
import dlnb.ops.Simd;
import dlnb.ops.SingleChannelConvPool;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * A network's first two layers as one pass each way, where the library has one: a 3×3 {@link Conv2D} with ReLU over
 * one-channel images directly followed by a 2×2 {@link MaxPool2D} (the MNIST CNNs' first layers). The forward pass
 * yields the pooled maps without writing the convolution's output, the backward pass takes their gradient and fills
 * the convolution's dW and db (a first layer needs no input gradient). Each layer's maths stays in its own file;
 * the pass is {@link SingleChannelConvPool}. The model asks for a head when it is built and uses it for batches it
 * takes; the layers themselves know nothing of it, and run on their own everywhere else.
 */
public final class FusedHead {
    private final Conv2D conv;
    private final long[] imageShape, pooledShape;
    private final BatchCache<Bound> bound = new BatchCache<>();
    private Bound last;
    private INDArray lastInput;

    private FusedHead(Conv2D conv, long[] imageShape, long[] pooledShape) {
        this.conv = conv;
        this.imageShape = imageShape;
        this.pooledShape = pooledShape;
    }

    /**
     * A fused head for these layers, built for examples of {@code inputShape}, or null where there is none: the
     * first layer is a one-channel 3×3 Conv2D with ReLU, stride 1 and no padding, the second a 2×2 MaxPool2D with
     * stride 2, at least one layer follows, and the convolution's output has even sides at least a vector wide.
     */
    public static FusedHead of(List<Layer> layers, long[] inputShape) {
        if (layers.size() < 3 || !(layers.get(0) instanceof Conv2D conv) || !(layers.get(1) instanceof MaxPool2D pool)) return null;
        Window c = conv.window(), p = pool.window();
        boolean convFits = c.height() == 3 && c.width() == 3 && c.strideH() == 1 && c.strideW() == 1 && c.padding() == Padding.VALID
                && conv.activation == Activation.RELU && inputShape.length == 3 && inputShape[0] == 1;
        boolean poolFits = p.height() == 2 && p.width() == 2 && p.strideH() == 2 && p.strideW() == 2 && p.padding() == Padding.VALID;
        INDArray w = conv.params().get(0).value();
        // Simd.enabled() first: without the Vector API module, SingleChannelConvPool's class cannot even be loaded.
        if (!convFits || !poolFits || w.dataType() != DataType.FLOAT || !Simd.enabled()
                || !SingleChannelConvPool.fits(1, inputShape[1], inputShape[2], w)) return null;
        return new FusedHead(conv, inputShape.clone(), pool.outputShape(conv.outputShape(inputShape)));
    }

    /** How many of the model's layers this head stands for. */
    public int size() {
        return 2;
    }

    /** Whether this batch can take the fused pass (float32, contiguous, the shape built for, small enough). */
    public boolean takes(INDArray x) {
        return x.rank() == 4 && x.dataType() == DataType.FLOAT && x.size(1) == imageShape[0] && x.size(2) == imageShape[1]
                && x.size(3) == imageShape[2] && x.ordering() == 'c' && x.elementWiseStride() == 1
                && SingleChannelConvPool.fits(x.size(0), imageShape[1], imageShape[2], conv.params().get(0).value());
    }

    /** The second layer's output, maxpool(relu(conv(x))), for a batch that {@link #takes} it. */
    public INDArray forward(INDArray x) {
        last = bound.get(x.size(0), this::bind);
        last.pass.forward(x);
        lastInput = x;
        return last.pooled;
    }

    /** Fills the convolution's dW and db from the gradient of the last forward pass's output. */
    public void backward(INDArray gradPooled) {
        if (last == null || gradPooled.size(0) != lastInput.size(0)) {
            throw new IllegalStateException("the fused head's backward pass needs the forward pass of the same batch first");
        }
        last.pass.backward(lastInput, gradPooled.ordering() == 'c' && gradPooled.elementWiseStride() == 1 ? gradPooled : gradPooled.dup('c'));
    }

    private Bound bind(long batch) {
        Param w = conv.params().get(0), b = conv.params().get(1);
        INDArray pooled = Nd4j.createUninitialized(w.value().dataType(), batch, pooledShape[0], pooledShape[1], pooledShape[2]);
        return new Bound(pooled, new SingleChannelConvPool(batch, imageShape[1], imageShape[2], w.value(), b.value(), pooled,
                w.grad(), b.grad()));
    }

    private record Bound(INDArray pooled, SingleChannelConvPool pass) {
    }
}
