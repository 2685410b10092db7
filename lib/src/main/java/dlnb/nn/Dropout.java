package dlnb.nn;

import dlnb.ops.BatchCache;
import dlnb.ops.Kernel;
import dlnb.ops.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * During training, zeroes each input with probability {@code rate} and scales the rest by 1/(1-rate) so the
 * expected output is unchanged; at evaluation it passes input through untouched.
 * <pre>
 * forward (training):  m = Bernoulli(1 - rate) / (1 - rate) per element;  y = x ⊙ m
 * backward:            dx = dy ⊙ m   (the same mask)
 * </pre>
 */
public class Dropout extends BaseLayer {
    private final double rate;
    private final BatchCache<Buffers> buffers = new BatchCache<>();
    private boolean lastWasTraining;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        this.rate = rate;
    }

    /** Settings: rate. */
    public Dropout(LayerConfig c) {
        this(c.doubleValue("rate"));
    }

    @Override
    protected Object[] settings() {
        return new Object[]{"rate", rate};
    }

    @Override
    public boolean stochastic() {
        return true;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        checkInput(x);
        lastWasTraining = training && rate > 0;
        if (!lastWasTraining) return x;
        Buffers buf = buffers.get(x.size(0), n -> new Buffers(x));
        Nd4j.getExecutioner().exec(new BernoulliDistribution(buf.mask, 1 - rate), Nd4j.getRandom());
        buf.scaleMask.run();
        buf.bind(x).run();
        return buf.out;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        checkGradient(gradOut);
        if (!lastWasTraining) return gradOut;
        Buffers buf = buffers.get(gradOut.size(0), n -> new Buffers(gradOut));
        buf.bindGrad(gradOut).run();
        return buf.dx;
    }

    private final class Buffers {
        final INDArray mask, out, dx;
        final Kernel scaleMask;
        private INDArray boundX, boundG;
        private Kernel apply, applyGrad;

        Buffers(INDArray like) {
            mask = Nd4j.createUninitialized(like.dataType(), like.shape());
            out = Nd4j.createUninitialized(like.dataType(), like.shape());
            dx = Nd4j.createUninitialized(like.dataType(), like.shape());
            scaleMask = Kernels.mulScalar(mask, 1 / (1 - rate), mask);
        }

        Kernel bind(INDArray x) {
            if (x != boundX) {
                apply = Kernels.mul(x, mask, out);
                boundX = x;
            }
            return apply;
        }

        Kernel bindGrad(INDArray g) {
            if (g != boundG) {
                applyGrad = Kernels.mul(g, mask, dx);
                boundG = g;
            }
            return applyGrad;
        }
    }
}
