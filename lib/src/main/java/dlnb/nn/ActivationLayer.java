package dlnb.nn;

import dlnb.ops.BatchCache;
import dlnb.ops.Kernel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An activation on its own, as PuzzleLib writes networks: ... MaxPool2D, ReLU, Conv2D ...
 * <pre>
 * forward:  a = f(x)
 * backward: dx = da ⊙ f'(a)   f' from the stored output (see Activation)
 * </pre>
 */
public class ActivationLayer extends BaseLayer {
    private final Activation activation;
    private final BatchCache<Buffers> buffers = new BatchCache<>();

    public ActivationLayer(Activation activation) {
        if (activation == null) throw new IllegalArgumentException("the activation must not be null");
        this.activation = activation;
    }

    /** Settings: activation. */
    public ActivationLayer(LayerConfig c) {
        this(c.activation());
    }

    @Override
    protected Object[] settings() {
        return new Object[]{"activation", activation.toString()};
    }

    @Override
    public String type() {
        return "Activation(" + activation + ")";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Activation outputActivation() {
        return activation;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        checkInput(x);
        Buffers buf = buffers.get(x.size(0), n -> new Buffers(x));
        buf.bind(x);
        buf.forward.run();
        return buf.out;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        checkGradient(gradOut);
        Buffers buf = buffers.get(gradOut.size(0), n -> new Buffers(gradOut));
        return buf.backward(gradOut);
    }

    @Override
    public INDArray backwardFromPreActivation(INDArray gradPreActivation) {
        return gradPreActivation;
    }

    private final class Buffers {
        final INDArray out;
        final INDArray gradIn;
        Kernel forward;
        private INDArray boundInput;
        private INDArray boundGrad;
        private Kernel backward;

        Buffers(INDArray like) {
            out = Nd4j.createUninitialized(like.dataType(), like.shape());
            gradIn = Nd4j.createUninitialized(like.dataType(), like.shape());
        }

        void bind(INDArray x) {
            if (x == boundInput) return;
            Kernel copy = () -> out.assign(x);
            Kernel activate = activation.forward(out);
            forward = () -> {
                copy.run();
                activate.run();
            };
            boundInput = x;
        }

        INDArray backward(INDArray g) {
            if (g != boundGrad) {
                backward = activation.backward(out, g, gradIn);
                boundGrad = g;
            }
            backward.run();
            return gradIn;
        }
    }
}
