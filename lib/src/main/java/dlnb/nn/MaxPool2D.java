package dlnb.nn;

/**
 * Max pooling over NCHW input: each output is the largest value in its window, per channel.
 * <pre>
 * forward:  y[n, c, i, j] = max over the window (p, q) of x[n, c, i·s + p, j·s + q]
 * backward: dx = dy at the position of each window's maximum, 0 elsewhere (summed where windows overlap)
 * </pre>
 * Nothing to learn. Both directions run in ND4J's native maxpool2d and maxpool2d_bp ops (see {@link Pooling2D}).
 */
public class MaxPool2D extends Pooling2D {
    /** A pool×pool window moved by its own size (2 gives the usual halving). */
    public MaxPool2D(int pool) {
        this(pool, pool, Padding.VALID);
    }

    public MaxPool2D(int pool, int stride, Padding padding) {
        super(pool, stride, padding, "maxpool2d", "maxpool2d_bp");
    }

    /** Settings: pool, stride (the pool size), padding (valid). */
    public MaxPool2D(LayerConfig c) {
        this(c.intValue("pool"), c.intValue("stride", c.intValue("pool")), c.padding());
    }
}
