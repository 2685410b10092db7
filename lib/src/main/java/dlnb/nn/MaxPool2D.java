package dlnb.nn;

import dlnb.ops.MaxPool2x2;
import dlnb.ops.NarrowMaxPool2x2;
import dlnb.ops.PoolingPass;
import dlnb.ops.Simd;

/**
 * Max pooling over NCHW input: each output is the largest value in its window, per channel.
 * <pre>
 * forward:  y[n, c, i, j] = max over the window (p, q) of x[n, c, i·s + p, j·s + q]
 * backward: dx = dy at the position of each window's maximum, 0 elsewhere (summed where windows overlap)
 * </pre>
 * Nothing to learn. Both directions run in ND4J's native maxpool2d and maxpool2d_bp ops (see {@link Pooling2D}),
 * except the usual 2×2 window with stride 2, which takes direct Vector API passes: {@link MaxPool2x2} over maps of
 * even sides at least a vector wide, {@link NarrowMaxPool2x2} over narrower maps of any sides. The tests check them
 * against ND4J's ops, ties included. After a first one-channel Conv2D the model may run both layers as one pass
 * ({@link FusedHead}); between other convolutions, as part of a chain in oneDNN ({@link ConvChain}).
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

    @Override
    protected PoolingPass directPass(long batch, long[] inputShape) {
        Window k = window();
        boolean twoByTwo = k.height() == 2 && k.width() == 2 && k.strideH() == 2 && k.strideW() == 2 && k.padding() == Padding.VALID;
        // Simd.enabled() first: without the Vector API module, the passes' classes cannot even be loaded.
        if (!twoByTwo || !Simd.enabled()) return null;
        long maps = batch * inputShape[0], h = inputShape[1], w = inputShape[2];
        if (MaxPool2x2.fits(h, w)) return new MaxPool2x2(maps, h, w);
        if (NarrowMaxPool2x2.fits(h, w)) return new NarrowMaxPool2x2(maps, h, w);
        return null;
    }
}
