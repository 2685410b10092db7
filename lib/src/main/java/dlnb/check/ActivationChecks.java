package dlnb.check;

import dlnb.nn.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Checks of a student's sigmoid and ReLU, forward {@code f(z)} and backward {@code backward(a, grad)} from the stored
 * output a = f(z), against the library's {@link Activation} (the only place these checks touch the library).
 * <pre>{@code
 * ActivationChecks.sigmoid(z -> sigmoid(z), (a, grad) -> sigmoidBackward(a, grad));
 * }</pre>
 */
public final class ActivationChecks {
    private ActivationChecks() {
    }

    /** grade_id "sigmoid": forward 1 point, backward 1 point. */
    public static void sigmoid(UnaryOperator<INDArray> forward, BinaryOperator<INDArray> backward) {
        new Exercise("sigmoid")
                .add(forwardCheck("sigmoid forward", Activation.SIGMOID, forward))
                .add(backwardCheck("sigmoid backward", Activation.SIGMOID, backward))
                .run();
    }

    /** grade_id "relu": forward 1 point, backward 1 point. */
    public static void relu(UnaryOperator<INDArray> forward, BinaryOperator<INDArray> backward) {
        new Exercise("relu")
                .add(forwardCheck("relu forward", Activation.RELU, forward))
                .add(backwardCheck("relu backward", Activation.RELU, backward))
                .run();
    }

    static INDArray reference(Activation f, INDArray z) {
        INDArray a = z.dup();
        f.forward(a).run();
        return a;
    }

    static INDArray referenceBackward(Activation f, INDArray a, INDArray grad) {
        INDArray gradIn = grad.dup();
        f.backward(a, grad, gradIn).run();
        return gradIn;
    }

    /** The inputs z every activation check uses: random, zeros, large magnitudes, a batch of 1, an odd shape. */
    static List<Named> inputs(long seed) {
        return List.of(
                new Named("random values", Inputs.normal(seed, 8, 10).muli(3)),
                new Named("zeros", Inputs.zeros(8, 10)),
                new Named("large magnitudes (about ±1000)", Inputs.large(seed + 1, 1000, 4, 6)),
                new Named("a batch of 1", Inputs.normal(seed + 2, 1, 10).muli(3)),
                new Named("an odd shape", Inputs.normal(seed + 3, 3, 7).muli(3)));
    }

    record Named(String what, INDArray z) {
        String label() {
            return Inputs.label(what, z);
        }
    }

    private static Check forwardCheck(String name, Activation f, UnaryOperator<INDArray> student) {
        Check check = new Check(name, 1);
        for (Named in : inputs(101)) {
            INDArray z = in.z();
            INDArray expected = reference(f, z);
            double[] zs = Compare.values(z);
            Hint where = pos -> "where the input was " + Numbers.show(zs[Numbers.flat(pos, z.shape())]) + forwardAdvice(f, zs[Numbers.flat(pos, z.shape())]);
            check.input(new Case<>(in.label(), () -> student.apply(z.dup()),
                    result -> Compare.arrays(name, expected, result, where, forwardMistakes(f, z))));
        }
        return check;
    }

    private static Check backwardCheck(String name, Activation f, BinaryOperator<INDArray> student) {
        Check check = new Check(name, 1);
        long seed = 201;
        for (Named in : inputs(seed)) {
            INDArray a = reference(f, in.z());
            INDArray grad = Inputs.normal(seed += 10, (int) a.size(0), (int) a.size(1));
            INDArray expected = referenceBackward(f, a, grad);
            double[] as = Compare.values(a);
            Hint where = pos -> backwardAdvice(f, as[Numbers.flat(pos, a.shape())]);
            check.input(new Case<>(in.label(), () -> student.apply(a.dup(), grad.dup()),
                    result -> Compare.arrays(name, expected, result, where, backwardMistakes(f, a, grad))));
        }
        return check;
    }

    private static String forwardAdvice(Activation f, double z) {
        if (f == Activation.SIGMOID && Math.abs(z) > 80) {
            return " (exp overflows for inputs this large; 1 / (1 + exp(-z)) does not)";
        }
        if (f == Activation.RELU) return z > 0 ? ": relu keeps positive inputs as they are" : ": relu turns negative inputs into 0";
        return "";
    }

    private static String backwardAdvice(Activation f, double a) {
        if (f == Activation.RELU) {
            return a > 0 ? "where the input was positive (its output a is " + Numbers.show(a) + "): the incoming gradient passes through unchanged"
                    : "where the input was negative or zero (its output a is 0): the gradient there must be 0";
        }
        return "where the stored output a was " + Numbers.show(a) + ", so a·(1 − a) = " + Numbers.show(a * (1 - a));
    }

    private static List<Mistake> forwardMistakes(Activation f, INDArray z) {
        if (f == Activation.SIGMOID) {
            return List.of(
                    Mistake.of("that is tanh(z); the sigmoid is 1 / (1 + exp(-z))", Transforms.tanh(z, true)),
                    Mistake.of("that is 1 − σ(z): the sign in the exponent is flipped, σ(z) = 1 / (1 + exp(-z))",
                            Transforms.sigmoid(z.neg(), true)));
        }
        return List.of(
                Mistake.of("that is z itself: negative inputs must become 0", z.dup()),
                Mistake.of("that is |z|: negative inputs must become 0, not positive", Transforms.abs(z, true)));
    }

    private static List<Mistake> backwardMistakes(Activation f, INDArray a, INDArray grad) {
        if (f == Activation.SIGMOID) {
            INDArray s = Transforms.sigmoid(a, true);
            return List.of(
                    Mistake.of("it looks like you applied the sigmoid to a again; a already is σ(z), so the derivative is a·(1 − a)",
                            s.mul(s.rsub(1)).muli(grad)),
                    Mistake.of("the incoming gradient is missing: multiply a·(1 − a) by grad", a.mul(a.rsub(1))),
                    Mistake.of("you returned the incoming gradient unchanged: multiply it by a·(1 − a)", grad.dup()));
        }
        INDArray step = a.gt(0).castTo(a.dataType());
        return List.of(
                Mistake.of("your result is grad unchanged everywhere (is the mask [a > 0] missing, or true where a is 0?)", grad.dup()),
                Mistake.of("the incoming gradient is missing: multiply [a > 0] by grad", step),
                Mistake.of("you multiplied by a itself; relu's derivative is 1 where a > 0 and 0 elsewhere", grad.mul(a)));
    }
}
