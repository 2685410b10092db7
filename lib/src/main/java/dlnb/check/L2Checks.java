package dlnb.check;

import dlnb.loss.Loss;
import dlnb.loss.Reduction;
import dlnb.nn.Dense;
import dlnb.nn.Param;
import dlnb.model.Sequential;
import dlnb.optim.Regularization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;

/**
 * Checks of a student's L2 penalty λ2·½·Σw² over the weights only, its gradient, and the penalty's share of a batch's
 * cost (notebook 04: summed log loss plus penalty). Parameters come as a map "W1", "b1", "W2", … of a small dense
 * network. The reference is the library's {@link Regularization} on a {@link Sequential} holding the same values,
 * and its binary cross-entropy (the only place these checks touch the library).
 * <pre>{@code
 * L2Checks.l2Penalty((params, lambda2) -> l2Penalty(params, lambda2));
 * }</pre>
 */
public final class L2Checks {
    private L2Checks() {
    }

    /** The student's share: penalty / (Σ log loss + penalty). */
    @FunctionalInterface
    public interface PenaltyShare {
        double share(INDArray outputs, INDArray targets, double penalty);
    }

    /** grade_id "l2_penalty", 1 point. */
    public static void l2Penalty(ToDoubleBiFunction<Map<String, INDArray>, Double> student) {
        new Exercise("l2_penalty").add(penaltyCheck(student)).run();
    }

    /** grade_id "l2_gradient", 1 point. */
    public static void l2Gradient(BiFunction<Map<String, INDArray>, Double, Map<String, INDArray>> student) {
        new Exercise("l2_gradient").add(gradientCheck(student)).run();
    }

    /** grade_id "penalty_share", 1 point. */
    public static void penaltyShare(PenaltyShare student) {
        new Exercise("penalty_share").add(shareCheck(student)).run();
    }

    /** A small network's parameters, as the library holds them and as the student gets them. */
    record Network(String what, Sequential model, double lambda2) {
        String label() {
            return what + " " + shapes() + ", λ2 = " + Numbers.show(lambda2);
        }

        /** "W1", "b1", "W2", … in layer order, as fresh copies. */
        Map<String, INDArray> params() {
            Map<String, INDArray> m = new LinkedHashMap<>();
            int layer = 0;
            for (Param p : model.params()) {
                if (p.name().equals("W")) layer++;
                m.put(p.name() + layer, p.value().dup());
            }
            return m;
        }

        private String shapes() {
            List<String> s = new ArrayList<>();
            params().forEach((k, v) -> s.add(k + " " + Numbers.shape(v.shape())));
            return "(" + String.join(", ", s) + ")";
        }
    }

    static List<Network> networks() {
        return List.of(
                network("a 6-5-3 network", 501, 0.1, 1, 6, 5, 3),
                network("zero weights, non-zero biases", 502, 0.1, 0, 6, 5, 3),
                network("large weights (about ±1000)", 503, 0.01, 1000, 6, 5, 3),
                network("a single layer", 504, 0.8, 1, 7, 3));
    }

    /** Weights from the library's initialiser scaled by {@code weightScale}; biases random, so leaving them out shows. */
    private static Network network(String what, long seed, double lambda2, double weightScale, int... sizes) {
        Sequential model = new Sequential().seed(seed).input(sizes[0]);
        for (int i = 1; i < sizes.length; i++) model.add(new Dense(sizes[i]));
        model.build();
        long s = seed * 10;
        for (Param p : model.params()) {
            if (p.regularized()) p.value().muli(weightScale / rms(p.value()));
            else p.value().assign(Inputs.normal(++s, 1, (int) p.size()).reshape(p.shape()));
        }
        return new Network(what, model, lambda2);
    }

    private static double rms(INDArray w) {
        return Math.sqrt(w.mul(w).meanNumber().doubleValue());
    }

    static double referencePenalty(Network n) {
        return Regularization.l2(n.lambda2()).cost(n.model().params());
    }

    static Map<String, INDArray> referenceGradient(Network n) {
        n.model().flatGradients().assign(0);
        Regularization.l2(n.lambda2()).addGradients(n.model().params());
        Map<String, INDArray> m = new LinkedHashMap<>();
        int layer = 0;
        for (Param p : n.model().params()) {
            if (p.name().equals("W")) layer++;
            m.put(p.name() + layer, p.grad().dup());
        }
        return m;
    }

    private static Check penaltyCheck(ToDoubleBiFunction<Map<String, INDArray>, Double> student) {
        Check check = new Check("l2 penalty", 1);
        for (Network n : networks()) {
            double expected = referencePenalty(n);
            check.input(new Case<>(n.label(), () -> student.applyAsDouble(Collections.unmodifiableMap(n.params()), n.lambda2()),
                    result -> Compare.scalars("l2 penalty", expected, result, penaltyMistakes(n))));
        }
        return check;
    }

    private static List<Mistake> penaltyMistakes(Network n) {
        double squaresW = 0, squaresB = 0, absW = 0;
        for (Map.Entry<String, INDArray> e : n.params().entrySet()) {
            INDArray v = e.getValue();
            double sq = v.mul(v).sumNumber().doubleValue();
            if (e.getKey().startsWith("W")) {
                squaresW += sq;
                absW += Transforms.abs(v, true).sumNumber().doubleValue();
            } else {
                squaresB += sq;
            }
        }
        double l = n.lambda2();
        return List.of(
                Mistake.of("the biases are included; the L2 penalty is on the weights (W1, W2, …) only", l * 0.5 * (squaresW + squaresB)),
                Mistake.of("twice the penalty: the ½ in λ2·½·Σw² is missing", l * squaresW),
                Mistake.of("λ2 is missing: the penalty is λ2·½·Σw²", 0.5 * squaresW),
                Mistake.of("that is λ2·Σ|w| (an L1 penalty); L2 squares the weights", l * absW),
                Mistake.of("the biases are included and the ½ is missing", l * (squaresW + squaresB)));
    }

    private static Check gradientCheck(BiFunction<Map<String, INDArray>, Double, Map<String, INDArray>> student) {
        Check check = new Check("l2 gradient", 1);
        for (Network n : networks()) {
            Map<String, INDArray> expected = referenceGradient(n);
            check.input(new Case<>(n.label(), () -> student.apply(Collections.unmodifiableMap(n.params()), n.lambda2()),
                    result -> compareGradients(n, expected, result)));
        }
        return check;
    }

    private static String compareGradients(Network n, Map<String, INDArray> expected, Map<String, INDArray> result) {
        if (result == null) return "your l2 gradient returned null";
        Map<String, INDArray> params = n.params();
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            String key = e.getKey();
            INDArray got = result.get(key);
            boolean bias = key.startsWith("b");
            if (got == null) {
                return "your l2 gradient has no entry for \"" + key + "\": return one for every parameter"
                        + (bias ? " (zeros for the biases)" : "");
            }
            INDArray w = params.get(key);
            List<Mistake> mistakes = bias
                    ? List.of(Mistake.of("the biases are not penalised: their gradient from the penalty is 0", w.mul(n.lambda2())))
                    : List.of(Mistake.of("twice too large: the derivative of ½·w² is w, so the gradient is λ2·w", w.mul(2 * n.lambda2())),
                              Mistake.of("λ2 is missing: the gradient is λ2·w", w.dup()));
            String problem = Compare.arrays("l2 gradient for " + key, e.getValue(), got, Hint.NONE, mistakes);
            if (problem != null) return problem;
        }
        return null;
    }

    /** A batch of sigmoid outputs and 0/1 targets, with the penalty to set against its summed log loss. */
    record Batch(String what, INDArray outputs, INDArray targets, double penalty) {
        String label() {
            return Inputs.label(what, outputs) + ", penalty " + Numbers.show(penalty);
        }
    }

    static List<Batch> batches() {
        INDArray targets = Inputs.oneHot(602, 8, 10);
        return List.of(
                new Batch("random outputs", Inputs.uniform(601, 0.02, 0.98, 8, 10), targets, 3.5),
                new Batch("a zero penalty", Inputs.uniform(603, 0.02, 0.98, 8, 10), targets, 0),
                new Batch("outputs close to the targets", targets.mul(0.998).addi(0.001), targets, 2),
                new Batch("a batch of 1", Inputs.uniform(604, 0.02, 0.98, 1, 10), Inputs.oneHot(605, 1, 10), 0.25),
                new Batch("a large penalty", Inputs.uniform(606, 0.02, 0.98, 8, 10), targets, 1e4));
    }

    static double referenceLogLoss(Batch b) {
        return Loss.binaryCrossEntropy(Reduction.SUM).forward(b.outputs().dup(), b.targets().dup());
    }

    private static Check shareCheck(PenaltyShare student) {
        Check check = new Check("penalty share", 1);
        for (Batch b : batches()) {
            double loss = referenceLogLoss(b), p = b.penalty();
            double expected = p / (loss + p);
            long rows = b.outputs().size(0), all = b.outputs().length();
            INDArray a = b.outputs(), y = b.targets();
            double onlyPositives = -y.mul(Transforms.log(a, true)).sumNumber().doubleValue();
            List<Mistake> mistakes = new ArrayList<>();
            if (p > 0) {
                mistakes.add(Mistake.of("that is penalty / log loss; the cost is log loss + penalty, so divide by their sum", p / loss));
                if (rows > 1) mistakes.add(Mistake.of("the log loss is averaged over the batch; in notebook 04 the cost sums it over the batch",
                        p / (loss / rows + p)));
                mistakes.add(Mistake.of("the log loss is averaged over every output; in notebook 04 the cost sums it", p / (loss / all + p)));
                mistakes.add(Mistake.of("the (1 − y)·log(1 − a) part of the log loss is missing", p / (onlyPositives + p)));
            }
            mistakes.add(Mistake.of("that is the log loss's share; the penalty's share is penalty / (log loss + penalty)", loss / (loss + p)));
            check.input(new Case<>(b.label(), () -> student.share(a.dup(), y.dup(), p),
                    result -> Compare.scalars("penalty share", expected, result, mistakes)));
        }
        return check;
    }
}
