package dlnb.bench;

import dlnb.optim.Adam;
import dlnb.optim.Momentum;
import dlnb.optim.Optimizer;
import dlnb.optim.RmsProp;

/**
 * The memory an optimizer step must move at least, counted as STREAM does (every float read or written once, 4 bytes):
 * <pre>
 *   Momentum  v = μ·v - lr·g;  p += v            read p, g, v;       write p, v     → 5 floats per parameter
 *   RMSprop   s = ρ·s + (1-ρ)·g²;  p -= …        read p, g, s;       write p, s     → 5 floats per parameter
 *   Adam      m, v updated;  p -= …              read p, g, m, v;    write p, m, v  → 7 floats per parameter
 * </pre>
 * For the 784-1000-1000-10 network's 1,796,010 parameters Adam moves 50.3 MB per step.
 */
public final class UpdateTraffic {
    private UpdateTraffic() {
    }

    public static long bytesPerStep(Optimizer optimizer, long parameters) {
        int floats;
        if (optimizer instanceof Adam) floats = 7;
        else if (optimizer instanceof Momentum || optimizer instanceof RmsProp) floats = 5;
        else throw new IllegalArgumentException("no traffic formula for " + optimizer.name());
        return 4L * floats * parameters;
    }
}
