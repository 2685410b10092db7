package dlnb.nn;

import dlnb.ops.BatchCache;
import dlnb.ops.PoolingPass;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the pooling layers share: a window slid over each channel of NCHW input, nothing to learn, and both directions
 * in one native ND4J op each, or in a subclass's direct passes where it has them for the shape
 * ({@link #directPass}). Each subclass names its ops and writes its own forward and backward maths.
 */
public abstract class Pooling2D extends BaseLayer {
    private final Window window;
    private final String forwardOp, backwardOp;
    private final BatchCache<Buffers> buffers = new BatchCache<>();
    private INDArray lastInput;

    protected Pooling2D(int pool, int stride, Padding padding, String forwardOp, String backwardOp) {
        this.window = new Window(pool, pool, stride, stride, padding);
        this.forwardOp = forwardOp;
        this.backwardOp = backwardOp;
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
        if (buf.direct != null && buf.direct.takes(x)) {
            buf.direct.forward(x, buf.out);
        } else {
            buf.pool.setInputArgument(0, x);
            Nd4j.exec(buf.pool);
        }
        lastInput = x;
        return buf.out;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        checkGradient(gradOut);
        Buffers buf = buffers.get(gradOut.size(0), n -> new Buffers(n, gradOut.dataType()));
        if (buf.direct != null && buf.direct.takes(lastInput, gradOut)) {
            buf.direct.backward(lastInput, buf.out, gradOut, buf.dx);
        } else {
            buf.poolBackward.setInputArgument(0, lastInput);
            buf.poolBackward.setInputArgument(1, gradOut);
            Nd4j.exec(buf.poolBackward);
        }
        return buf.dx;
    }

    /** This layer's window. */
    Window window() {
        return window;
    }

    /**
     * Direct passes for batches of {@code batch} inputs of [channels, h, w], or null where the subclass has none for
     * that shape (then ND4J's ops run).
     */
    protected PoolingPass directPass(long batch, long[] inputShape) {
        return null;
    }

    private int[] args() {
        int[] base = window.nd4jArgs();
        int[] args = new int[base.length + 2];
        System.arraycopy(base, 0, args, 0, base.length);
        // average pooling divides by the window's input cells, not counting padding (as Keras); max pooling ignores it
        args[base.length] = 0;
        args[base.length + 1] = 0; // NCHW
        return args;
    }

    private final class Buffers {
        final INDArray out, dx;
        final DynamicCustomOp pool, poolBackward;
        final PoolingPass direct;

        Buffers(long batch, DataType type) {
            long[] o = outputShape(inputShape);
            out = Nd4j.createUninitialized(type, batch, o[0], o[1], o[2]);
            dx = Nd4j.createUninitialized(type, batch, inputShape[0], inputShape[1], inputShape[2]);
            pool = DynamicCustomOp.builder(forwardOp).addInputs(dx).addOutputs(out).addIntegerArguments(args()).build();
            poolBackward = DynamicCustomOp.builder(backwardOp).addInputs(dx, out).addOutputs(dx)
                    .addIntegerArguments(args()).build();
            direct = directPass(batch, inputShape);
        }
    }
}
