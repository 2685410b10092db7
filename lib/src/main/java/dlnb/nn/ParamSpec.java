package dlnb.nn;

/**
 * What a layer asks for before its parameters exist: a name, a shape, how to initialise it, whether it is trained
 * (weights and biases) or is state the layer keeps itself (running statistics), whether weight decay applies, and
 * the fan-in/fan-out the initialiser scales by.
 */
public record ParamSpec(String name, long[] shape, Initializer initializer, boolean trainable, boolean regularized,
                        long fanIn, long fanOut) {

    /** A weight: trained and penalised by weight decay. */
    public static ParamSpec weight(String name, long[] shape, Initializer initializer, long fanIn, long fanOut) {
        return new ParamSpec(name, shape, initializer, true, true, fanIn, fanOut);
    }

    /** A trained parameter that weight decay leaves alone (a bias, BatchNormalization's scale and shift). */
    public static ParamSpec unpenalized(String name, long[] shape, Initializer initializer) {
        return new ParamSpec(name, shape, initializer, true, false, 1, 1);
    }

    /** Non-trainable state the layer updates itself. */
    public static ParamSpec state(String name, long[] shape, Initializer initializer) {
        return new ParamSpec(name, shape, initializer, false, false, 1, 1);
    }

    public long size() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }
}
