package dlnb.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a parameter starts. Random draws come from ND4J's generator, so {@code Nd4j.getRandom().setSeed(s)} (done by
 * {@link Sequential#seed(long)}) makes initial weights repeatable.
 */
@FunctionalInterface
public interface Initializer {
    /** Fills {@code w} in place; fanIn/fanOut are the numbers of inputs and outputs of each unit. */
    void fill(INDArray w, long fanIn, long fanOut);

    /** Keras' default for Dense and Conv2D: uniform in ±sqrt(6 / (fanIn + fanOut)). */
    Initializer GLOROT_UNIFORM = (w, in, out) -> uniform(w, Math.sqrt(6.0 / (in + out)));

    /** He et al., for ReLU layers: normal with standard deviation sqrt(2 / fanIn). */
    Initializer HE_NORMAL = (w, in, out) -> normal(w, Math.sqrt(2.0 / in));

    /** He et al., uniform in ±sqrt(6 / fanIn). */
    Initializer HE_UNIFORM = (w, in, out) -> uniform(w, Math.sqrt(6.0 / in));

    /** PuzzleLib's default ("xavier uniform" scaled by the inputs only): uniform in ±sqrt(3 / fanIn). */
    Initializer LECUN_UNIFORM = (w, in, out) -> uniform(w, Math.sqrt(3.0 / in));

    /** Chainer's default for Linear layers: normal with standard deviation sqrt(1 / fanIn). */
    Initializer LECUN_NORMAL = (w, in, out) -> normal(w, Math.sqrt(1.0 / in));

    /** The hand-written MLP series (article 003c): uniform in ±0.5·sqrt(1 / n), n = nodes feeding the layer. */
    Initializer HALF_SQRT_UNIFORM = (w, in, out) -> uniform(w, 0.5 * Math.sqrt(1.0 / in));

    Initializer ZEROS = (w, in, out) -> w.assign(0);

    /** Uniform in ±limit, whatever the fan. */
    static Initializer uniform(double limit) {
        if (!(limit > 0)) throw new IllegalArgumentException("limit must be positive, got " + limit);
        return (w, in, out) -> uniform(w, limit);
    }

    private static void uniform(INDArray w, double limit) {
        INDArray r = Nd4j.rand(w.dataType(), w.shape());
        w.assign(r.muli(2 * limit).subi(limit));
    }

    private static void normal(INDArray w, double std) {
        w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(std));
    }
}
