package dlnb.check;

import dlnb.loss.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.ToDoubleBiFunction;

/**
 * Checks of a student's softmax cross-entropy, mean over the rows of a batch of raw scores, and its gradient with
 * respect to the scores, against the library's {@link Loss#softmaxCrossEntropy()} (the only place these checks
 * touch the library). Large scores come as rows around ±1000 with a few units of spread: enough to overflow a plain
 * exp, and within the range where ND4J's log_softmax (behind the library's loss) is exact; it returns −∞ for scores
 * more than about 88 below their row's maximum.
 * <pre>{@code
 * SoftmaxCrossEntropyChecks.softmaxCrossEntropy((s, y) -> softmaxCrossEntropy(s, y), (s, y) -> softmaxCrossEntropyGradient(s, y));
 * }</pre>
 */
public final class SoftmaxCrossEntropyChecks {
    private SoftmaxCrossEntropyChecks() {
    }

    /** grade_id "softmax_cross_entropy": the value 1 point, the gradient 1 point. */
    public static void softmaxCrossEntropy(ToDoubleBiFunction<INDArray, INDArray> value, BinaryOperator<INDArray> gradient) {
        new Exercise("softmax_cross_entropy")
                .add(valueCheck(value))
                .add(gradientCheck(gradient))
                .run();
    }

    record Batch(String what, INDArray scores, INDArray oneHot, boolean large) {
        String label() {
            return Inputs.label(what, scores);
        }

        long rows() {
            return scores.size(0);
        }
    }

    static List<Batch> batches() {
        return List.of(
                new Batch("random scores", Inputs.normal(301, 8, 10).muli(2), Inputs.oneHot(302, 8, 10), false),
                new Batch("scores all 0", Inputs.zeros(8, 10), Inputs.oneHot(303, 8, 10), false),
                new Batch("large scores (rows around ±1000)", Inputs.shiftedRows(304, 1000, 3, 4, 10), Inputs.oneHot(305, 4, 10), true),
                new Batch("a batch of 1", Inputs.normal(306, 1, 10).muli(2), Inputs.oneHot(307, 1, 10), false),
                new Batch("an odd shape (7 classes)", Inputs.normal(308, 3, 7).muli(2), Inputs.oneHot(309, 3, 7), false));
    }

    static double referenceValue(INDArray scores, INDArray oneHot) {
        return Loss.softmaxCrossEntropy().forward(scores.dup(), oneHot.dup());
    }

    static INDArray referenceGradient(INDArray scores, INDArray oneHot) {
        Loss loss = Loss.softmaxCrossEntropy();
        loss.forward(scores.dup(), oneHot.dup());
        return loss.backward().dup();
    }

    private static final String OVERFLOW = "for scores this large exp overflows: subtract each row's largest score before exp "
            + "(softmax does not change, and nothing overflows)";

    private static Check valueCheck(ToDoubleBiFunction<INDArray, INDArray> student) {
        Check check = new Check("softmax cross-entropy", 1);
        for (Batch b : batches()) {
            double expected = referenceValue(b.scores(), b.oneHot());
            long n = b.rows();
            List<Mistake> mistakes = new ArrayList<>();
            if (n > 1) mistakes.add(Mistake.of(n + " times the mean: that is the sum over the " + n
                    + " rows; the loss is their mean (divide by the number of rows)", expected * n));
            mistakes.add(Mistake.of("the sign is flipped: the loss is −Σ y·log p, a positive number", -expected));
            mistakes.add(Mistake.of("that is log base 10; use the natural logarithm", expected / Math.log(10)));
            if (b.large()) {
                mistakes.add(Mistake.of(OVERFLOW, Double.NaN));
                mistakes.add(Mistake.of(OVERFLOW, Double.POSITIVE_INFINITY));
            }
            check.input(new Case<>(b.label(), () -> student.applyAsDouble(b.scores().dup(), b.oneHot().dup()),
                    result -> Compare.scalars("softmax cross-entropy", expected, result, mistakes)));
        }
        return check;
    }

    private static Check gradientCheck(BinaryOperator<INDArray> student) {
        Check check = new Check("softmax cross-entropy gradient", 1);
        for (Batch b : batches()) {
            INDArray expected = referenceGradient(b.scores(), b.oneHot());
            long n = b.rows();
            INDArray p = Transforms.softmax(b.scores(), true);
            List<Mistake> mistakes = new ArrayList<>();
            if (n > 1) mistakes.add(Mistake.of(n + " times too large: the loss is the mean over the " + n
                    + " rows, so the gradient is (softmax − y) / " + n, expected.mul(n)));
            mistakes.add(Mistake.of("the sign is flipped: the gradient is (softmax − y) / N, not (y − softmax) / N", expected.neg()));
            mistakes.add(Mistake.of("the target is missing: the gradient is (softmax − y) / N", p.div(n)));
            if (n > 1) mistakes.add(Mistake.of("the target is missing and the result is " + n + " times too large: "
                    + "the gradient is (softmax − y) / " + n, p.dup()));
            double[] scores = Compare.values(b.scores());
            Hint hint = b.large() ? pos -> "where the score was " + Numbers.show(scores[Numbers.flat(pos, b.scores().shape())])
                    + ": " + OVERFLOW : Hint.NONE;
            check.input(new Case<>(b.label(), () -> student.apply(b.scores().dup(), b.oneHot().dup()),
                    result -> Compare.arrays("softmax cross-entropy gradient", expected, result, hint, mistakes)));
        }
        return check;
    }
}
