package dlnb.check;

import dlnb.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks of a student's Adam step, bias correction included, changing p, m and v in place. The reference is the
 * library's {@link Adam} run on copies of the same parameters and gradients (the only place these checks touch the
 * library); the check compares how far each step moved p. Known wrong steps (no bias correction, t counted from 0,
 * v from g instead of g², p moved uphill) are computed here with plain ND4J to explain a wrong result.
 * <pre>{@code
 * AdamChecks.adamStep((p, g, m, v, t, lr, beta1, beta2, eps) -> adamStep(p, g, m, v, t, lr, beta1, beta2, eps));
 * }</pre>
 */
public final class AdamChecks {
    private AdamChecks() {
    }

    /** The student's method: one Adam step at step number t (1, 2, …), updating p, m and v in place. */
    @FunctionalInterface
    public interface AdamStep {
        void step(INDArray p, INDArray g, INDArray m, INDArray v, int t, double lr, double beta1, double beta2, double eps);
    }

    /** grade_id "adam": the first step 1 point, several steps in a row 2 points. */
    public static void adamStep(AdamStep student) {
        new Exercise("adam")
                .add(stepsCheck("adam: first step", 1, firstSteps(), student))
                .add(stepsCheck("adam: several steps in a row", 2, runs(), student))
                .run();
    }

    record Settings(double lr, double beta1, double beta2, double eps) {
        static final Settings DEFAULT = new Settings(0.001, 0.9, 0.999, 1e-8);

        String describe() {
            return this.equals(DEFAULT) ? "" : ", lr " + Numbers.show(lr) + ", β1 " + Numbers.show(beta1) + ", β2 "
                    + Numbers.show(beta2) + ", ε " + Numbers.show(eps);
        }
    }

    /** Starting parameters, one gradient per step, and the settings. */
    record Run(String what, INDArray p, List<INDArray> grads, Settings s) {
        String label() {
            return Inputs.label(what, p) + s.describe();
        }
    }

    static List<Run> firstSteps() {
        return List.of(
                new Run("a random gradient", Inputs.normal(701, 4, 5), List.of(Inputs.normal(702, 4, 5)), Settings.DEFAULT),
                new Run("a zero gradient", Inputs.normal(703, 4, 5), List.of(Inputs.zeros(4, 5)), Settings.DEFAULT),
                new Run("large gradients (about ±1000)", Inputs.normal(704, 3, 7), List.of(Inputs.large(705, 1000, 3, 7)), Settings.DEFAULT));
    }

    static List<Run> runs() {
        List<INDArray> five = new ArrayList<>();
        for (int t = 0; t < 5; t++) five.add(Inputs.normal(711 + t, 4, 5));
        List<INDArray> three = new ArrayList<>();
        for (int t = 0; t < 3; t++) three.add(Inputs.normal(721 + t, 1, 6).muli(0.1));
        return List.of(
                new Run("five steps", Inputs.normal(710, 4, 5), five, Settings.DEFAULT),
                new Run("three steps on a batch of 1", Inputs.normal(720, 1, 6), three, new Settings(0.01, 0.8, 0.99, 1e-6)));
    }

    /** How much each step moved p, by the library's Adam. */
    static List<INDArray> referenceMoves(Run r) {
        Adam adam = new Adam(r.s().lr(), r.s().beta1(), r.s().beta2(), r.s().eps());
        INDArray p = r.p().dup().reshape(r.p().length());
        List<INDArray> moves = new ArrayList<>();
        for (INDArray g : r.grads()) {
            INDArray before = p.castTo(DataType.DOUBLE);
            adam.update(p, g.dup().reshape(g.length()));
            moves.add(p.castTo(DataType.DOUBLE).subi(before).reshape(r.p().shape()));
        }
        return moves;
    }

    /** How far the student's steps moved p, and m after each step. */
    record Trace(List<INDArray> moves, List<INDArray> ms) {
    }

    private static Check stepsCheck(String name, double points, List<Run> runs, AdamStep student) {
        Check check = new Check(name, points);
        for (Run r : runs) {
            List<INDArray> expected = referenceMoves(r);
            List<List<INDArray>> wrong = new ArrayList<>();
            for (Variant v : Variant.values()) wrong.add(v.moves(r));
            check.input(new Case<>(r.label(), () -> trace(r, student), trace -> judge(r, expected, wrong, trace)));
        }
        return check;
    }

    private static Trace trace(Run r, AdamStep student) {
        INDArray p = r.p().dup(), m = p.ulike(), v = p.ulike();
        m.assign(0);
        v.assign(0);
        List<INDArray> moves = new ArrayList<>(), ms = new ArrayList<>();
        for (int t = 1; t <= r.grads().size(); t++) {
            INDArray before = p.castTo(DataType.DOUBLE);
            student.step(p, r.grads().get(t - 1).dup(), m, v, t, r.s().lr(), r.s().beta1(), r.s().beta2(), r.s().eps());
            moves.add(p.castTo(DataType.DOUBLE).subi(before));
            ms.add(m.dup());
        }
        return new Trace(moves, ms);
    }

    private static final double RTOL = 2e-3, ATOL = 1e-7;

    private static String judge(Run r, List<INDArray> expected, List<List<INDArray>> wrong, Trace trace) {
        for (int t = 0; t < expected.size(); t++) {
            INDArray g = r.grads().get(t);
            if (trace.ms().get(t).sumNumber().doubleValue() == 0 && Transforms.abs(g, true).sumNumber().doubleValue() > 0) {
                return "after your step " + (t + 1) + " m is still all zeros: change m (and v) in place, e.g. m.muli(β1).addi(g.mul(1 − β1)), "
                        + "because the caller keeps them for the next step";
            }
            List<Mistake> mistakes = new ArrayList<>();
            for (Variant v : Variant.values()) mistakes.add(Mistake.of(v.explanation, wrong.get(v.ordinal()).get(t)));
            String problem = Compare.differences("at step " + (t + 1) + " your adam step moved p by", expected.get(t),
                    trace.moves().get(t), Hint.NONE, mistakes, RTOL, ATOL);
            if (problem != null) return problem;
        }
        return null;
    }

    /** Wrong steps students often write, each computed here so a result that matches one can be explained. */
    enum Variant {
        NO_BIAS_CORRECTION("the bias correction is missing: divide m by (1 − β1^t) and v by (1 − β2^t) before the step"),
        NO_M_CORRECTION("m's bias correction is missing: m̂ = m / (1 − β1^t)"),
        NO_V_CORRECTION("v's bias correction is missing: v̂ = v / (1 − β2^t)"),
        T_FROM_ZERO("the bias correction uses t − 1: steps are counted from t = 1, so 1 − β^t is never 0"),
        UPHILL("p moved uphill: subtract the step from p"),
        NO_SQUARE("v must average the squared gradients g², not g");

        final String explanation;

        Variant(String explanation) {
            this.explanation = explanation;
        }

        List<INDArray> moves(Run r) {
            Settings s = r.s();
            INDArray m = r.p().castTo(DataType.DOUBLE).muli(0), v = m.dup();
            List<INDArray> moves = new ArrayList<>();
            for (int t = 1; t <= r.grads().size(); t++) {
                INDArray g = r.grads().get(t - 1).castTo(DataType.DOUBLE);
                m.muli(s.beta1()).addi(g.mul(1 - s.beta1()));
                v.muli(s.beta2()).addi((this == NO_SQUARE ? g : g.mul(g)).mul(1 - s.beta2()));
                int k = this == T_FROM_ZERO ? t - 1 : t;
                boolean correctM = this != NO_BIAS_CORRECTION && this != NO_M_CORRECTION;
                boolean correctV = this != NO_BIAS_CORRECTION && this != NO_V_CORRECTION;
                INDArray mHat = correctM ? m.div(1 - Math.pow(s.beta1(), k)) : m.dup();
                INDArray vHat = correctV ? v.div(1 - Math.pow(s.beta2(), k)) : v.dup();
                INDArray step = mHat.divi(Transforms.sqrt(vHat, false).addi(s.eps())).muli(s.lr());
                moves.add(this == UPHILL ? step : step.neg());
            }
            return moves;
        }
    }
}
