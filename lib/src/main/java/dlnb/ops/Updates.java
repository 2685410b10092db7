package dlnb.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimizers' steps, bound once to the flat buffers: one Vector API pass when it is there ({@link VectorUpdates}),
 * otherwise ND4J's native updaters and BLAS calls computing the same formulas. A test compares the two.
 */
public final class Updates {
    private Updates() {
    }

    public static UpdatePass adam(INDArray p, INDArray g, INDArray m, INDArray v, double beta1, double beta2, double epsilon) {
        return all(p, g, m, v) ? VectorUpdates.adam(p, g, m, v, beta1, beta2, epsilon) : nd4jAdam(p, g, m, v, beta1, beta2, epsilon);
    }

    public static UpdatePass rmsProp(INDArray p, INDArray g, INDArray s, double rho, double epsilon) {
        return all(p, g, s) ? VectorUpdates.rmsProp(p, g, s, rho, epsilon) : nd4jRmsProp(p, g, s, rho, epsilon);
    }

    public static UpdatePass momentum(INDArray p, INDArray g, INDArray velocity, double mu, boolean nesterov) {
        return all(p, g, velocity) ? VectorUpdates.momentum(p, g, velocity, mu, nesterov) : nd4jMomentum(p, g, velocity, mu, nesterov);
    }

    private static boolean all(INDArray... arrays) {
        for (INDArray a : arrays) if (!FloatBuffers.fits(a)) return false;
        return true;
    }

    /** ND4J's native Adam updater writes the step into a buffer (it counts iterations from 0), then p -= step. */
    static UpdatePass nd4jAdam(INDArray p, INDArray g, INDArray m, INDArray v, double beta1, double beta2, double epsilon) {
        INDArray step = Nd4j.createUninitialized(p.dataType(), p.shape());
        return (lr, t, threads) -> {
            Nd4j.exec(new AdamUpdater(g, v, m, step, v, m, lr, beta1, beta2, epsilon, (int) (t - 1)));
            Blas.axpy(-1, step, p);
        };
    }

    static UpdatePass nd4jRmsProp(INDArray p, INDArray g, INDArray s, double rho, double epsilon) {
        INDArray step = Nd4j.createUninitialized(p.dataType(), p.shape());
        return (lr, t, threads) -> {
            Nd4j.exec(new RmsPropUpdater(g, s, step, s, lr, rho, epsilon));
            Blas.axpy(-1, step, p);
        };
    }

    static UpdatePass nd4jMomentum(INDArray p, INDArray g, INDArray velocity, double mu, boolean nesterov) {
        return (lr, t, threads) -> {
            Blas.scal(mu, velocity);
            Blas.axpy(-lr, g, velocity);
            if (nesterov) {
                Blas.axpy(mu, velocity, p);
                Blas.axpy(-lr, g, p);
            } else {
                Blas.axpy(1, velocity, p);
            }
        };
    }
}
