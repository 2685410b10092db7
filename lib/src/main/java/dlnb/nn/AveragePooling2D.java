package dlnb.nn;

/**
 * Average pooling over NCHW input, as Keras' AveragePooling2D: each output is the mean of its window, per channel.
 * <pre>
 * forward:  y[n, c, i, j] = (1 / k) · Σ over the window (p, q) of x[n, c, i·s + p, j·s + q]
 * backward: dx[n, c, i·s + p, j·s + q] += dy[n, c, i, j] / k     for every window position (p, q)
 * </pre>
 * k is the number of input cells inside the window: with SAME padding, cells of the padding do not count, as in
 * Keras. Nothing to learn. Both directions run in ND4J's native avgpool2d and avgpool2d_bp ops (see {@link Pooling2D}).
 */
public class AveragePooling2D extends Pooling2D {
    /** A pool×pool window moved by its own size. */
    public AveragePooling2D(int pool) {
        this(pool, pool, Padding.VALID);
    }

    public AveragePooling2D(int pool, int stride, Padding padding) {
        super(pool, stride, padding, "avgpool2d", "avgpool2d_bp");
    }

    /** Settings: pool, stride (the pool size), padding (valid). */
    public AveragePooling2D(LayerConfig c) {
        this(c.intValue("pool"), c.intValue("stride", c.intValue("pool")), c.padding());
    }
}
