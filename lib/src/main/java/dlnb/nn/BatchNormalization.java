package dlnb.nn;

import dlnb.ops.BatchCache;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * Batch normalization (Ioffe and Szegedy), as Keras' BatchNormalization: each feature (dense input [batch, f]) or
 * channel (images [batch, c, h, w], statistics over batch, height and width) is shifted to mean 0 and scaled to
 * variance 1, then given a learned scale γ and shift β.
 * <pre>
 * training:   μ = mean of x,  σ² = mean of (x - μ)²          over the batch (and the pixels of a channel)
 *             x̂ = (x - μ) / sqrt(σ² + ε),   y = γ·x̂ + β
 *             moving_mean ← momentum·moving_mean + (1 - momentum)·μ      (and moving_variance from σ²)
 * inference:  x̂ = (x - moving_mean) / sqrt(moving_variance + ε),   y = γ·x̂ + β
 * backward (training), with m values per feature and dy = dL/dy:
 *             dγ = Σ dy·x̂,   dβ = Σ dy
 *             dx = γ / sqrt(σ² + ε) · (dy - mean(dy) - x̂·mean(dy·x̂))      (μ and σ² depend on x too)
 * backward (inference): dx = γ / sqrt(moving_variance + ε) · dy
 * </pre>
 * γ and β are trained (weight decay leaves them alone); the moving mean and variance are non-trainable state: the
 * layer updates them in training, the optimizer never sees them, and they are saved with the model. Defaults as in
 * Keras: momentum 0.99, ε 0.001.
 */
public class BatchNormalization extends BaseLayer {
    private final double momentum;
    private final double epsilon;
    private INDArray gamma, beta, dGamma, dBeta, movingMean, movingVariance;
    private final BatchCache<Buffers> buffers = new BatchCache<>();
    private INDArray invStd;
    private boolean lastWasTraining;
    private int[] axes;

    public BatchNormalization() {
        this(0.99, 1e-3);
    }

    public BatchNormalization(double momentum, double epsilon) {
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    /** Settings: momentum (0.99), epsilon (0.001). */
    public BatchNormalization(LayerConfig c) {
        this(c.doubleValue("momentum", 0.99), c.doubleValue("epsilon", 1e-3));
    }

    @Override
    protected Object[] settings() {
        return new Object[]{"momentum", momentum, "epsilon", epsilon};
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1 && inputShape.length != 3) {
            throw new IllegalArgumentException(name() + " (BatchNormalization) needs input [features] or [channels, height, width],"
                    + " got [" + join(inputShape) + "]");
        }
        return inputShape.clone();
    }

    @Override
    public List<ParamSpec> paramSpecs(long[] inputShape) {
        long[] perFeature = {outputShape(inputShape)[0]};
        return List.of(ParamSpec.unpenalized("gamma", perFeature, Initializer.ONES),
                ParamSpec.unpenalized("beta", perFeature, Initializer.ZEROS),
                ParamSpec.state("moving_mean", perFeature, Initializer.ZEROS),
                ParamSpec.state("moving_variance", perFeature, Initializer.ONES));
    }

    @Override
    public void build(long[] inputShape, List<Param> params) {
        super.build(inputShape, params);
        gamma = params.get(0).value();
        dGamma = params.get(0).grad();
        beta = params.get(1).value();
        dBeta = params.get(1).grad();
        movingMean = params.get(2).value();
        movingVariance = params.get(3).value();
        axes = inputShape.length == 1 ? new int[]{0} : new int[]{0, 2, 3};
        buffers.clear();
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        checkInput(x);
        Buffers buf = buffers.get(x.size(0), n -> new Buffers(x));
        INDArray mean, variance;
        if (training) {
            // reshape: for a batch of one example ND4J keeps the reduced axis ([1, n] instead of [n]).
            mean = x.mean(axes).reshape(movingMean.shape());
            variance = x.var(false, axes).reshape(movingVariance.shape());
            movingMean.muli(momentum).addi(mean.mul(1 - momentum));
            movingVariance.muli(momentum).addi(variance.mul(1 - momentum));
        } else {
            mean = movingMean;
            variance = movingVariance;
        }
        invStd = Transforms.pow(variance.add(epsilon), -0.5, false);
        Nd4j.exec(new BroadcastSubOp(x, mean, buf.xHat, 1));        // x - μ
        Nd4j.exec(new BroadcastMulOp(buf.xHat, invStd, buf.xHat, 1)); // x̂ = (x - μ) / sqrt(σ² + ε)
        Nd4j.exec(new BroadcastMulOp(buf.xHat, gamma, buf.out, 1));   // γ·x̂
        Nd4j.exec(new BroadcastAddOp(buf.out, beta, buf.out, 1));     // y = γ·x̂ + β
        lastWasTraining = training;
        return buf.out;
    }

    @Override
    public INDArray backward(INDArray dy) {
        checkGradient(dy);
        Buffers buf = buffers.get(dy.size(0), n -> new Buffers(dy));
        dBeta.assign(dy.sum(axes));                                  // dβ = Σ dy
        INDArray dyXHat = dy.mul(buf.xHat);
        dGamma.assign(dyXHat.sum(axes));                             // dγ = Σ dy·x̂
        INDArray scale = gamma.mul(invStd);                          // γ / sqrt(σ² + ε)
        if (lastWasTraining) {
            long m = dy.length() / gamma.length();
            INDArray meanDy = dBeta.div(m), meanDyXHat = dGamma.div(m);
            Nd4j.exec(new BroadcastMulOp(buf.xHat, meanDyXHat, buf.dx, 1)); // x̂·mean(dy·x̂)
            buf.dx.rsubi(dy);                                               // dy - x̂·mean(dy·x̂)
            Nd4j.exec(new BroadcastSubOp(buf.dx, meanDy, buf.dx, 1));       // ... - mean(dy)
            Nd4j.exec(new BroadcastMulOp(buf.dx, scale, buf.dx, 1));        // times γ / sqrt(σ² + ε)
        } else {
            Nd4j.exec(new BroadcastMulOp(dy, scale, buf.dx, 1));
        }
        return buf.dx;
    }

    private static final class Buffers {
        final INDArray xHat, out, dx;

        Buffers(INDArray like) {
            xHat = Nd4j.createUninitialized(like.dataType(), like.shape());
            out = Nd4j.createUninitialized(like.dataType(), like.shape());
            dx = Nd4j.createUninitialized(like.dataType(), like.shape());
        }
    }
}
