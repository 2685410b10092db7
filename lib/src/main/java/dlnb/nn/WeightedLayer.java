package dlnb.nn;

/** A layer with weights and an activation applied to its output (Dense, Conv2D). */
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
}
