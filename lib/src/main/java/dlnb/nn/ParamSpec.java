package dlnb.nn;

/**
 * What a layer asks for before its parameters exist: a name, a shape, how to initialise it, whether weight decay
 * applies, and the fan-in/fan-out the initialiser scales by.
 */
public record ParamSpec(String name, long[] shape, Initializer initializer, boolean regularized, long fanIn, long fanOut) {

    public long size() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }
}
