package dlnb.model;

import dlnb.loss.Loss;
import dlnb.nn.Param;
import dlnb.optim.Regularization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * Compares back-propagated gradients with numerical ones, (L(w+ε) - L(w-ε)) / 2ε, for a sample of each
 * parameter's elements. Use a float64 model ({@link Sequential#dataType}): in float32 the numerical side is too
 * coarse to tell a bug from rounding.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /**
     * The largest disagreement found, and where. The error of one gradient is |analytic - numerical| divided by
     * max(1, |analytic| + |numerical|): relative for large gradients, absolute for small ones, whose numerical
     * estimate carries the rounding noise of the whole cost.
     */
    public record Result(double maxAbsDifference, double maxError, String worst, int checked) {
        public boolean passes(double tolerance) {
            return maxError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format("%d gradients checked: max |analytic - numerical| = %.3g, max error = %.3g (%s)",
                    checked, maxAbsDifference, maxError, worst);
        }
    }

    public static Result run(Sequential net, Loss loss, INDArray x, INDArray y) {
        return run(net, loss, Regularization.none(), x, y, 1e-6, 20, 1);
    }

    /** Checks up to {@code perParam} elements of every parameter, chosen at random (seeded), in inference mode. */
    public static Result run(Sequential net, Loss loss, Regularization regularization, INDArray x, INDArray y,
                             double epsilon, int perParam, long seed) {
        return run(net, loss, regularization, x, y, epsilon, perParam, seed, false);
    }

    /**
     * As {@link #run(Sequential, Loss, Regularization, INDArray, INDArray, double, int, long)}, with the forward pass
     * in training mode when {@code training} is set (BatchNormalization then uses the batch's own statistics, which
     * the backward pass must differentiate too). Layers that draw random numbers (dropout) cannot be checked so.
     */
    public static Result run(Sequential net, Loss loss, Regularization regularization, INDArray x, INDArray y,
                             double epsilon, int perParam, long seed, boolean training) {
        if (net.isBuilt() && net.dataType() != DataType.DOUBLE || x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("check gradients on a float64 model and float64 data (Sequential.dataType)");
        }
        if (training && net.layers().stream().anyMatch(l -> l.stochastic())) {
            throw new IllegalArgumentException("a training-mode check needs a model without dropout: its masks change every pass");
        }
        cost(net, loss, regularization, x, y, training);
        backward(net, loss, regularization);
        INDArray analytic = net.flatGradients().dup();
        Random random = new Random(seed);
        double maxAbs = 0, maxRel = 0;
        String worst = "none";
        int checked = 0;
        long offset = 0;
        for (Param p : net.params()) {
            INDArray flat = net.flatParams();
            int n = (int) p.size();
            for (int k = 0; k < Math.min(perParam, n); k++) {
                long i = offset + (perParam >= n ? k : random.nextInt(n));
                double original = flat.getDouble(i);
                flat.putScalar(i, original + epsilon);
                double plus = cost(net, loss, regularization, x, y, training);
                flat.putScalar(i, original - epsilon);
                double minus = cost(net, loss, regularization, x, y, training);
                flat.putScalar(i, original);
                double numerical = (plus - minus) / (2 * epsilon);
                double a = analytic.getDouble(i);
                double abs = Math.abs(a - numerical);
                double rel = abs / Math.max(1, Math.abs(a) + Math.abs(numerical));
                checked++;
                maxAbs = Math.max(maxAbs, abs);
                if (rel > maxRel) {
                    maxRel = rel;
                    worst = p.key() + " element " + (i - offset) + ": analytic " + a + ", numerical " + numerical;
                }
            }
            offset += n;
        }
        return new Result(maxAbs, maxRel, worst, checked);
    }

    private static double cost(Sequential net, Loss loss, Regularization regularization, INDArray x, INDArray y, boolean training) {
        return loss.forward(net.forward(x, training), y) + regularization.cost(net.params());
    }

    private static void backward(Sequential net, Loss loss, Regularization regularization) {
        net.backward(loss);
        regularization.addGradients(net.params());
    }
}
