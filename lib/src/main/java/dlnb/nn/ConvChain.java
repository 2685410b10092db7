package dlnb.nn;

import dlnb.ops.BatchCache;
import dlnb.ops.OneDnnChain;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive {@link Conv2D} (ReLU or no activation) and {@link MaxPool2D} layers, without padding, run by a
 * float32 model as one chain of oneDNN primitives each way ({@link OneDnnChain}), where oneDNN loads: e.g. W3's
 * conv2, pool and conv3. The chain keeps oneDNN's own layouts between the layers instead of converting to NCHW and
 * back around each one. Each layer's maths stays in its own file; the layers know nothing of the chain and run on
 * their own everywhere else. A chain never ends the network, and it does not start with a convolution over
 * one-channel images: W3's first two layers ran no faster in the chain than as the fused head ({@link FusedHead};
 * steps of 5.52 against 5.47 ms, {@code LayerProfile W3 600}).
 */
public final class ConvChain {
    private final int start, size;
    private final OneDnnChain chain;
    private final long[] inputShape;
    private final List<Conv2D> convs;
    private final BatchCache<OneDnnChain.Bound> bound = new BatchCache<>();
    private OneDnnChain.Bound last;

    private ConvChain(int start, int size, OneDnnChain chain, long[] inputShape, List<Conv2D> convs) {
        this.start = start;
        this.size = size;
        this.chain = chain;
        this.inputShape = inputShape;
        this.convs = convs;
    }

    /**
     * The chains among {@code layers} from layer {@code from} on, for examples of {@code shapes[i]} at layer i's input;
     * none where oneDNN does not load or the model does not compute in float32.
     */
    public static List<ConvChain> of(List<Layer> layers, long[][] shapes, int from) {
        List<ConvChain> chains = new ArrayList<>();
        if (!OneDnnChain.usable()) return chains;
        int i = from;
        while (i < layers.size()) {
            int begin = i;
            while (i < layers.size() && fits(layers.get(i))) i++;
            int end = Math.min(i, layers.size() - 1);  // the last layer stays outside: the loss's gradient enters there
            // a chain starts with a convolution over more than one channel
            while (begin < end && !(layers.get(begin) instanceof Conv2D && shapes[begin][0] > 1)) begin++;
            if (begin < end) chains.add(chain(layers, shapes, begin, end));
            i++; // past the layer that ended the run
        }
        return chains;
    }

    private static boolean fits(Layer l) {
        if (l instanceof Conv2D c) {
            boolean activationFits = c.activation == Activation.RELU || c.activation == Activation.IDENTITY;
            return c.window().padding() == Padding.VALID && activationFits
                    && c.params().get(0).value().dataType() == DataType.FLOAT;
        }
        return l instanceof MaxPool2D p && p.window().padding() == Padding.VALID;
    }

    private static ConvChain chain(List<Layer> layers, long[][] shapes, int begin, int end) {
        List<OneDnnChain.Stage> stages = new ArrayList<>();
        List<Conv2D> convs = new ArrayList<>();
        for (int i = begin; i < end; i++) {
            if (layers.get(i) instanceof Conv2D c) {
                Window k = c.window();
                stages.add(new OneDnnChain.Conv(c.params().get(0).value(), c.params().get(1).value(), k.strideH(), k.strideW(),
                        c.activation == Activation.RELU));
                convs.add(c);
            } else {
                Window k = ((MaxPool2D) layers.get(i)).window();
                stages.add(new OneDnnChain.MaxPool(k.height(), k.width(), k.strideH(), k.strideW()));
            }
        }
        return new ConvChain(begin, end - begin, new OneDnnChain(stages, shapes[begin], begin > 0), shapes[begin].clone(), convs);
    }

    /** The index of the chain's first layer in the model. */
    public int start() {
        return start;
    }

    /** How many of the model's layers the chain stands for. */
    public int size() {
        return size;
    }

    /** Whether this batch can run through the chain: float32 examples of the shape it was built for. */
    public boolean takes(INDArray x) {
        return x.rank() == 4 && x.dataType() == DataType.FLOAT && x.size(1) == inputShape[0] && x.size(2) == inputShape[1]
                && x.size(3) == inputShape[2];
    }

    /** The last layer's output for a batch the chain {@link #takes}. */
    public INDArray forward(INDArray x) {
        last = bound.get(x.size(0), this::bind);
        last.forward(x);
        return last.output();
    }

    /**
     * Fills every convolution's dW and db from the gradient of the last output; returns the input's gradient (null
     * when the chain starts the network).
     */
    public INDArray backward(INDArray gradOutput) {
        if (last == null || gradOutput.size(0) != last.output().size(0)) {
            throw new IllegalStateException("the chain's backward pass needs the forward pass of the same batch first");
        }
        last.backward(gradOutput);
        return last.inputGradient();
    }

    private OneDnnChain.Bound bind(long batch) {
        List<INDArray> gradW = new ArrayList<>(), gradB = new ArrayList<>();
        for (Conv2D c : convs) {
            gradW.add(c.params().get(0).grad());
            gradB.add(c.params().get(1).grad());
        }
        return chain.bind(batch, gradW, gradB);
    }
}
