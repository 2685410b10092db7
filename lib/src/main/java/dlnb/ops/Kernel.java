package dlnb.ops;

/**
 * One array operation bound once to its input and output buffers, then run many times: every mini-batch reuses
 * the same buffers, so the op object (whose construction costs far more than running it on small arrays) is
 * built once. See {@link Kernels}.
 */
@FunctionalInterface
public interface Kernel {
    void run();
}
