package dlnb.nn;

import dlnb.ops.BatchCache;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max pooling over NCHW input: each output is the largest value in its window, per channel.
 * <pre>
 * forward:  y[n, c, i, j] = max over the window (p, q) of x[n, c, i·s + p, j·s + q]
 * backward: dx = dy at the position of each window's maximum, 0 elsewhere (summed where windows overlap)
 * </pre>
 * Nothing to learn. Both directions run in ND4J's native maxpool2d and maxpool2d_bp ops.
 */
public class MaxPool2D extends BaseLayer {
    private final Window window;
    private final BatchCache<Buffers> buffers = new BatchCache<>();
    private INDArray lastInput;

    /** A pool×pool window moved by its own size (2 gives the usual halving). */
    public MaxPool2D(int pool) {
        this(pool, pool, Padding.VALID);
    }

    public MaxPool2D(int pool, int stride, Padding padding) {
        this.window = new Window(pool, pool, stride, stride, padding);
    }

    /** Settings: pool, stride (the pool size), padding (valid). */
    public MaxPool2D(LayerConfig c) {
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
        args[base.length] = 0;     // no divisor (used by average pooling only)
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
            pool = DynamicCustomOp.builder("maxpool2d").addInputs(dx).addOutputs(out).addIntegerArguments(args()).build();
            poolBackward = DynamicCustomOp.builder("maxpool2d_bp").addInputs(dx, out).addOutputs(dx)
                    .addIntegerArguments(args()).build();
        }
    }
}
