package dlnb.nn;

import dlnb.ops.Kernel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer with weights whose output goes through an activation (Dense, Conv2D): a = f(z). It keeps, per batch
 * size, the output buffer with f applied in place, and turns dL/da into dL/dz = dL/da ⊙ f'(a) from that stored
 * output (see {@link Activation} for each f and f').
 */
public abstract class WeightedLayer extends BaseLayer {
    protected final Activation activation;
    protected Initializer initializer;

    protected WeightedLayer(Activation activation, Initializer initializer) {
        if (activation == null) throw new IllegalArgumentException("the activation must not be null (use Activation.IDENTITY)");
        if (initializer == null) throw new IllegalArgumentException("the initializer must not be null");
        this.activation = activation;
        this.initializer = initializer;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public Activation outputActivation() {
        return activation;
    }

    /** Chooses how the weights start (before the model is built); the default is Glorot uniform, as in Keras. */
    public WeightedLayer initializer(Initializer initializer) {
        if (!params().isEmpty()) throw new IllegalStateException(name() + " is already built");
        if (initializer == null) throw new IllegalArgumentException("the initializer must not be null");
        this.initializer = initializer;
        return this;
    }

    public Initializer initializer() {
        return initializer;
    }

    /**
     * The output a = f(z) of one batch size, computed in place over z, and dL/dz for a given dL/da. With a bias, the
     * activation step also adds it to every row first (Dense: one pass for z + b and f).
     */
    protected final class Activated {
        /** z before {@link #activate()}, a after it. */
        final INDArray out;
        private INDArray gradZ;          // allocated on the first backward pass that needs it (not every path does)
        private final Kernel activate;
        private INDArray boundGrad;
        private Kernel derivative;

        Activated(INDArray out) {
            this(out, null);
        }

        Activated(INDArray out, INDArray bias) {
            this.out = out;
            this.activate = bias == null ? activation.forward(out) : activation.forwardWithBias(out, bias);
        }

        /** a = f(z) (or f(z + bias)), in place. */
        void activate() {
            activate.run();
        }

        /** dL/dz = dL/da ⊙ f'(a); the kernel is bound once per incoming gradient buffer. */
        INDArray gradZ(INDArray gradA) {
            if (activation == Activation.IDENTITY) return gradA;
            if (gradZ == null) gradZ = Nd4j.createUninitialized(out.dataType(), out.shape());
            if (gradA != boundGrad) {
                derivative = activation.backward(out, gradA, gradZ);
                boundGrad = gradA;
            }
            derivative.run();
            return gradZ;
        }
    }
}
