package dlnb.ops;

/** An optimizer's step over its flat buffers, bound once to them: run it with this step's rate and count. */
@FunctionalInterface
public interface UpdatePass {
    /** {@code step} counts from 1; {@code threads} may split the pass over large buffers. */
    void run(double learningRate, long step, int threads);
}
