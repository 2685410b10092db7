package dlnb.nn;

import dlnb.ops.BatchCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns each example's [channels, height, width] into one row of channels·height·width values (NCHW order). Both
 * directions are reshapes; on the contiguous buffers layers produce they are views, made once per buffer.
 */
public class Flatten extends BaseLayer {
    private final BatchCache<Views> views = new BatchCache<>();

    public Flatten() {
    }

    /** No settings. */
    public Flatten(LayerConfig c) {
    }

    @Override
    protected Object[] settings() {
        return new Object[0];
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        long n = 1;
        for (long d : inputShape) n *= d;
        return new long[]{n};
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        checkInput(x);
        Views v = views.get(x.size(0), n -> new Views());
        if (x != v.input || !reusable(x)) {
            v.input = x;
            v.flat = x.reshape('c', x.size(0), outputShape(inputShape)[0]);
        }
        return v.flat;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        checkGradient(gradOut);
        Views v = views.get(gradOut.size(0), n -> new Views());
        if (gradOut != v.grad || !reusable(gradOut)) {
            long[] shape = new long[inputShape.length + 1];
            shape[0] = gradOut.size(0);
            System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
            v.grad = gradOut;
            v.unflat = gradOut.reshape('c', shape);
        }
        return v.unflat;
    }

    /** A reshape of a whole, row-major buffer is a view of it, so it can be kept while the buffer is reused. */
    private static boolean reusable(INDArray a) {
        return !a.isView() && a.ordering() == 'c';
    }

    private static final class Views {
        INDArray input, flat, grad, unflat;
    }
}
