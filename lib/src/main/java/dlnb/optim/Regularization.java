package dlnb.optim;

import dlnb.nn.Param;
import dlnb.ops.Blas;
import dlnb.ops.Kernel;
import dlnb.ops.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Weight decay on the weights only (biases are left alone): the penalty λ2·½·Σw² + λ1·Σ|w| is added to every
 * mini-batch's cost, and its gradient λ2·w + λ1·sign(w) to the weights' gradients.
 */
public final class Regularization {
    private final double l1, l2;
    private List<Param> boundParams;
    private final List<Param> weights = new ArrayList<>();
    private final List<Kernel> signs = new ArrayList<>();
    private final List<INDArray> signBuffers = new ArrayList<>();

    public Regularization(double l1, double l2) {
        if (!(l1 >= 0) || !(l2 >= 0)) throw new IllegalArgumentException("λ1 and λ2 must not be negative, got " + l1 + ", " + l2);
        this.l1 = l1;
        this.l2 = l2;
    }

    public static Regularization l2(double lambda) {
        return new Regularization(0, lambda);
    }

    public static Regularization l1(double lambda) {
        return new Regularization(lambda, 0);
    }

    public static Regularization none() {
        return new Regularization(0, 0);
    }

    public boolean active() {
        return l1 > 0 || l2 > 0;
    }

    /** The penalty for the current values of these parameters (those marked regularized: the weights). */
    public double cost(List<Param> params) {
        if (!active()) return 0;
        bind(params);
        double cost = 0;
        for (Param w : weights) {
            if (l2 > 0) cost += 0.5 * l2 * Blas.dot(w.value(), w.value());
            if (l1 > 0) cost += l1 * Blas.asum(w.value());
        }
        return cost;
    }

    /** Adds the penalty's gradient to the weights' gradients. */
    public void addGradients(List<Param> params) {
        if (!active()) return;
        bind(params);
        for (int i = 0; i < weights.size(); i++) {
            Param w = weights.get(i);
            if (l2 > 0) Blas.axpy(l2, w.value(), w.grad());
            if (l1 > 0) {
                signs.get(i).run();
                Blas.axpy(l1, signBuffers.get(i), w.grad());
            }
        }
    }

    private void bind(List<Param> params) {
        if (params == boundParams) return;
        weights.clear();
        signs.clear();
        signBuffers.clear();
        for (Param p : params) {
            if (!p.regularized()) continue;
            weights.add(p);
            INDArray s = Nd4j.createUninitialized(p.value().dataType(), p.shape());
            signBuffers.add(s);
            signs.add(Kernels.sign(p.value(), s));
        }
        boundParams = params;
    }

    public double l1() {
        return l1;
    }

    public double l2() {
        return l2;
    }

    @Override
    public String toString() {
        return l1 == 0 && l2 == 0 ? "none" : (l2 > 0 ? "L2 λ2=" + l2 : "") + (l1 > 0 && l2 > 0 ? ", " : "") + (l1 > 0 ? "L1 λ1=" + l1 : "");
    }
}
