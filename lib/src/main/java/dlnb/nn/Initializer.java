package dlnb.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Locale;

/**
 * How a parameter starts. Random draws come from ND4J's generator, which the model seeds before it builds, so the
 * same seed gives the same initial weights. Every initialiser has a name (Keras' where Keras has one), which is how
 * a saved model records it.
 */
public interface Initializer {
    /** Fills {@code w} in place; fanIn/fanOut are the numbers of inputs and outputs of each unit. */
    void fill(INDArray w, long fanIn, long fanOut);

    /** e.g. "glorot_uniform", or "uniform:0.05" for {@link #uniform(double)}. */
    String name();

    /** The body of an initialiser: what {@link #fill} does. */
    @FunctionalInterface
    interface Fill {
        void fill(INDArray w, long fanIn, long fanOut);
    }

    /** An initialiser with a name. */
    static Initializer named(String name, Fill fill) {
        return new Initializer() {
            @Override
            public void fill(INDArray w, long fanIn, long fanOut) {
                fill.fill(w, fanIn, fanOut);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** Keras' default for Dense and Conv2D: uniform in ±sqrt(6 / (fanIn + fanOut)). */
    Initializer GLOROT_UNIFORM = named("glorot_uniform", (w, in, out) -> Draw.uniform(w, Math.sqrt(6.0 / (in + out))));

    /** He et al., for ReLU layers: normal with standard deviation sqrt(2 / fanIn). */
    Initializer HE_NORMAL = named("he_normal", (w, in, out) -> Draw.normal(w, Math.sqrt(2.0 / in)));

    /** He et al., uniform in ±sqrt(6 / fanIn). */
    Initializer HE_UNIFORM = named("he_uniform", (w, in, out) -> Draw.uniform(w, Math.sqrt(6.0 / in)));

    /** PuzzleLib's default ("xavier uniform" scaled by the inputs only): uniform in ±sqrt(3 / fanIn). */
    Initializer LECUN_UNIFORM = named("lecun_uniform", (w, in, out) -> Draw.uniform(w, Math.sqrt(3.0 / in)));

    /** Chainer's default for Linear layers: normal with standard deviation sqrt(1 / fanIn). */
    Initializer LECUN_NORMAL = named("lecun_normal", (w, in, out) -> Draw.normal(w, Math.sqrt(1.0 / in)));

    /** The hand-written MLP series (article 003c): uniform in ±0.5·sqrt(1 / n), n = nodes feeding the layer. */
    Initializer HALF_SQRT_UNIFORM = named("half_sqrt_uniform", (w, in, out) -> Draw.uniform(w, 0.5 * Math.sqrt(1.0 / in)));

    Initializer ZEROS = named("zeros", (w, in, out) -> w.assign(0));

    Initializer ONES = named("ones", (w, in, out) -> w.assign(1));

    /** Uniform in ±limit, whatever the fan. */
    static Initializer uniform(double limit) {
        if (!(limit > 0) || Double.isInfinite(limit)) throw new IllegalArgumentException("limit must be positive, got " + limit);
        return named("uniform:" + limit, (w, in, out) -> Draw.uniform(w, limit));
    }

    /** The initialiser with this name (as {@link #name()} gives it). */
    static Initializer byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("uniform:")) return uniform(Double.parseDouble(n.substring("uniform:".length())));
        for (Initializer i : List.of(GLOROT_UNIFORM, HE_NORMAL, HE_UNIFORM, LECUN_UNIFORM, LECUN_NORMAL, HALF_SQRT_UNIFORM,
                ZEROS, ONES)) {
            if (i.name().equals(n)) return i;
        }
        throw new IllegalArgumentException("unknown initializer '" + name + "'; use glorot_uniform, he_normal, he_uniform,"
                + " lecun_uniform, lecun_normal, half_sqrt_uniform, zeros, ones or uniform:<limit>");
    }

    /** Random fills shared by the initialisers. */
    final class Draw {
        private Draw() {
        }

        static void uniform(INDArray w, double limit) {
            INDArray r = Nd4j.rand(w.dataType(), w.shape());
            w.assign(r.muli(2 * limit).subi(limit));
        }

        static void normal(INDArray w, double std) {
            w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(std));
        }
    }
}
