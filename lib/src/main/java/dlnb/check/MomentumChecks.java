package dlnb.check;

import dlnb.optim.Momentum;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks of a student's momentum-SGD step (Chainer's and PuzzleLib's MomentumSGD: v ← μ·v − lr·g; p ← p + v),
 * changing p and v in place. The reference is the library's {@link Momentum} on copies of the same parameters and
 * gradients (the only place these checks touch the library); the check compares how far each step moved p, so the
 * other common form, v ← μ·v + g; p ← p − lr·v, passes too (with a constant learning rate the two move p alike).
 * <pre>{@code
 * MomentumChecks.momentumStep((p, g, v, lr, momentum) -> momentumStep(p, g, v, lr, momentum));
 * }</pre>
 */
public final class MomentumChecks {
    private MomentumChecks() {
    }

    /** The student's method: one step, updating p and v in place. */
    @FunctionalInterface
    public interface MomentumStep {
        void step(INDArray p, INDArray g, INDArray v, double lr, double momentum);
    }

    /** grade_id "momentum": the first step 1 point, several steps in a row 1 point. */
    public static void momentumStep(MomentumStep student) {
        new Exercise("momentum")
                .add(stepsCheck("momentum: first step", firstSteps(), student))
                .add(stepsCheck("momentum: several steps in a row", runs(), student))
                .run();
    }

    /** Starting parameters, one gradient per step, and the settings. */
    record Run(String what, INDArray p, List<INDArray> grads, double lr, double momentum) {
        String label() {
            return Inputs.label(what, p) + ", lr " + Numbers.show(lr) + ", momentum " + Numbers.show(momentum);
        }
    }

    static List<Run> firstSteps() {
        return List.of(
                new Run("a random gradient", Inputs.normal(801, 4, 5), List.of(Inputs.normal(802, 4, 5)), 0.1, 0.9),
                new Run("a zero gradient", Inputs.normal(803, 4, 5), List.of(Inputs.zeros(4, 5)), 0.1, 0.9),
                new Run("large gradients (about ±1000)", Inputs.normal(804, 3, 7), List.of(Inputs.large(805, 1000, 3, 7)), 0.001, 0.9));
    }

    static List<Run> runs() {
        return List.of(
                new Run("five steps", Inputs.normal(810, 4, 5), steps(811, 5, 4, 5), 0.1, 0.9),
                new Run("four steps, momentum 0 (plain SGD)", Inputs.normal(820, 3, 4), steps(821, 4, 3, 4), 0.05, 0),
                new Run("three steps on a batch of 1", Inputs.normal(830, 1, 6), steps(831, 3, 1, 6), 0.01, 0.5));
    }

    private static List<INDArray> steps(long seed, int count, int rows, int cols) {
        List<INDArray> grads = new ArrayList<>();
        for (int t = 0; t < count; t++) grads.add(Inputs.normal(seed + t, rows, cols));
        return grads;
    }

    /** How much each step moved p, by the library's momentum SGD. */
    static List<INDArray> referenceMoves(Run r) {
        Momentum sgd = new Momentum(r.lr(), r.momentum());
        INDArray p = r.p().dup().reshape(r.p().length());
        List<INDArray> moves = new ArrayList<>();
        for (INDArray g : r.grads()) {
            INDArray before = p.castTo(DataType.DOUBLE);
            sgd.update(p, g.dup().reshape(g.length()));
            moves.add(p.castTo(DataType.DOUBLE).subi(before).reshape(r.p().shape()));
        }
        return moves;
    }

    /** How far the student's steps moved p, and whether v stayed all zeros. */
    record Trace(List<INDArray> moves, List<Boolean> velocityZero) {
    }

    private static Check stepsCheck(String name, List<Run> runs, MomentumStep student) {
        Check check = new Check(name, 1);
        for (Run r : runs) {
            List<INDArray> expected = referenceMoves(r);
            check.input(new Case<>(r.label(), () -> trace(r, student), trace -> judge(r, expected, trace)));
        }
        return check;
    }

    private static Trace trace(Run r, MomentumStep student) {
        INDArray p = r.p().dup(), v = p.ulike();
        v.assign(0);
        List<INDArray> moves = new ArrayList<>();
        List<Boolean> zero = new ArrayList<>();
        for (INDArray g : r.grads()) {
            INDArray before = p.castTo(DataType.DOUBLE);
            student.step(p, g.dup(), v, r.lr(), r.momentum());
            moves.add(p.castTo(DataType.DOUBLE).subi(before));
            zero.add(v.amaxNumber().doubleValue() == 0);
        }
        return new Trace(moves, zero);
    }

    private static final double RTOL = 1e-4, ATOL = 1e-7;

    private static String judge(Run r, List<INDArray> expected, Trace trace) {
        for (int t = 0; t < expected.size(); t++) {
            boolean gradient = r.grads().get(t).amaxNumber().doubleValue() > 0;
            if (r.momentum() > 0 && gradient && trace.velocityZero().get(t)) {
                return "after your step " + (t + 1) + " v is still all zeros: change v in place, e.g. v.muli(momentum).subi(g.mul(lr)), "
                        + "because the caller keeps it for the next step";
            }
            List<Mistake> mistakes = new ArrayList<>();
            for (Variant v : Variant.values()) mistakes.add(Mistake.of(v.explanation, v.moves(r).get(t)));
            String problem = Compare.differences("at step " + (t + 1) + " your momentum step moved p by", expected.get(t),
                    trace.moves().get(t), Hint.NONE, mistakes, RTOL, ATOL);
            if (problem != null) return problem;
        }
        return null;
    }

    /** Wrong steps students often write, each computed here with plain ND4J so a result that matches can be explained. */
    enum Variant {
        UPHILL("p moved uphill: the velocity takes −lr·g, so p moves against the gradient"),
        NO_VELOCITY("that is a plain SGD step, p ← p − lr·g: the velocity is missing, v ← μ·v − lr·g, then p ← p + v"),
        DAMPENED("the gradient is scaled by (1 − μ), as in Adam's average; momentum SGD adds the whole step: v ← μ·v − lr·g"),
        OLD_VELOCITY("p moved by the velocity of the step before: update v first, then p ← p + v"),
        NESTEROV("that is Nesterov's look-ahead step (p ← p + μ·v − lr·g); this exercise asks for the classic one, p ← p + v");

        final String explanation;

        Variant(String explanation) {
            this.explanation = explanation;
        }

        List<INDArray> moves(Run r) {
            double lr = r.lr(), mu = r.momentum();
            INDArray v = r.p().castTo(DataType.DOUBLE).muli(0);
            List<INDArray> moves = new ArrayList<>();
            for (INDArray g32 : r.grads()) {
                INDArray g = g32.castTo(DataType.DOUBLE);
                INDArray old = v.dup();
                if (this == DAMPENED) v.muli(mu).subi(g.mul(lr * (1 - mu)));
                else v.muli(mu).subi(g.mul(lr));
                moves.add(switch (this) {
                    case UPHILL -> v.neg();
                    case NO_VELOCITY -> g.mul(-lr);
                    case DAMPENED -> v.dup();
                    case OLD_VELOCITY -> old;
                    case NESTEROV -> v.mul(mu).subi(g.mul(lr));
                });
            }
            return moves;
        }
    }
}
