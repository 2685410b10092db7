package dlnb.ops;

/**
 * The element-wise functions the layers apply, f(z), each with its derivative written in terms of its own output
 * a = f(z) (so backward needs only the stored output). {@link Fused} computes them.
 * <pre>
 * IDENTITY  a = z                        f' = 1
 * RELU      a = max(z, 0)                f' = 1 where a > 0, else 0
 * SIGMOID   a = 1 / (1 + e^-z)           f' = a·(1 - a)
 * TANH      a = tanh z                   f' = 1 - a²
 * ELU       a = z if z > 0, e^z - 1      f' = 1 where a > 0, else a + 1
 * </pre>
 */
public enum Pointwise {
    IDENTITY, RELU, SIGMOID, TANH, ELU
}
