package dlnb.nn;

import dlnb.ops.BatchCache;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Average pooling over NCHW input, as Keras' AveragePooling2D: each output is the mean of its window, per channel.
 * <pre>
 * forward:  y[n, c, i, j] = (1 / k) · Σ over the window (p, q) of x[n, c, i·s + p, j·s + q]
 * backward: dx[n, c, i·s + p, j·s + q] += dy[n, c, i, j] / k     for every window position (p, q)
 * </pre>
 * k is the number of input cells inside the window: with SAME padding, cells of the padding do not count, as in
 * Keras. Nothing to learn. Both directions run in ND4J's native avgpool2d and avgpool2d_bp ops.
 */
public class AveragePooling2D extends BaseLayer {
    private final Window window;
    private final BatchCache<Buffers> buffers = new BatchCache<>();
    private INDArray lastInput;

    /** A pool×pool window moved by its own size. */
    public AveragePooling2D(int pool) {
        this(pool, pool, Padding.VALID);
    }

    public AveragePooling2D(int pool, int stride, Padding padding) {
        this.window = new Window(pool, pool, stride, stride, padding);
    }

    /** Settings: pool, stride (the pool size), padding (valid). */
    public AveragePooling2D(LayerConfig c) {
        this(c.intValue("pool"), c.intValue("stride", c.intValue("pool")), c.padding());
    }

    @Override
    protected Object[] settings() {
        return new Object[]{"pool", window.height(), "stride", window.strideH(), "padding", window.padding().name().toLowerCase()};
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return window.outputShape(name(), inputShape, inputShape.length == 3 ? inputShape[0] : 0);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        checkInput(x);
        Buffers buf = buffers.get(x.size(0), n -> new Buffers(n, x.dataType()));
        buf.pool.setInputArgument(0, x);
        Nd4j.exec(buf.pool);
        lastInput = x;
        return buf.out;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        checkGradient(gradOut);
        Buffers buf = buffers.get(gradOut.size(0), n -> new Buffers(n, gradOut.dataType()));
        buf.poolBackward.setInputArgument(0, lastInput);
        buf.poolBackward.setInputArgument(1, gradOut);
        Nd4j.exec(buf.poolBackward);
        return buf.dx;
    }

    private int[] args() {
        int[] base = window.nd4jArgs();
        int[] args = new int[base.length + 2];
        System.arraycopy(base, 0, args, 0, base.length);
        args[base.length] = 0;     // divide by the cells inside the input, not counting padding
        args[base.length + 1] = 0; // NCHW
        return args;
    }

    private final class Buffers {
        final INDArray out, dx;
        final DynamicCustomOp pool, poolBackward;

        Buffers(long batch, DataType type) {
            long[] o = outputShape(inputShape);
            out = Nd4j.createUninitialized(type, batch, o[0], o[1], o[2]);
            dx = Nd4j.createUninitialized(type, batch, inputShape[0], inputShape[1], inputShape[2]);
            pool = DynamicCustomOp.builder("avgpool2d").addInputs(dx).addOutputs(out).addIntegerArguments(args()).build();
            poolBackward = DynamicCustomOp.builder("avgpool2d_bp").addInputs(dx, out).addOutputs(dx)
                    .addIntegerArguments(args()).build();
        }
    }
}
