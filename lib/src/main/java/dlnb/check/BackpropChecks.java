package dlnb.check;

import dlnb.loss.Loss;
import dlnb.loss.Reduction;
import dlnb.model.Sequential;
import dlnb.nn.Activation;
import dlnb.nn.Dense;
import dlnb.nn.Param;
import dlnb.optim.Regularization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Checks of a student's optimised backward pass for notebook 05's sigmoid MLP: each layer's weights and biases in one
 * matrix w[l] of (inputs + 1) × outputs, row 0 the biases; cost = log loss summed over the batch + λ2·½·Σ W² (weights
 * only). The student gets the targets, the matrices and the stored activations a[0] = x, a[1], … and returns one
 * gradient per matrix, shaped like it. Two references: numerical gradients (central differences of the cost, in
 * float64) on small networks, and the library's {@link Dense} layers with its log loss and {@link Regularization} on
 * the 784-70-30-10 network (the only place these checks touch the library).
 * <pre>{@code
 * BackpropChecks.backward((y, w, a, lambda2) -> backward(y, w, a, lambda2));
 * }</pre>
 */
public final class BackpropChecks {
    private BackpropChecks() {
    }

    /** The student's method: the gradient of the cost for every w[l], from the stored activations. */
    @FunctionalInterface
    public interface Backward {
        INDArray[] gradients(INDArray y, INDArray[] w, INDArray[] a, double lambda2);
    }

    /** grade_id "backward": against numerical gradients 2 points, against the library's layers 2 points. */
    public static void backward(Backward student) {
        new Exercise("backward")
                .add(check("backward: gradient check against numerical gradients (small networks)", smallNetworks(),
                        BackpropChecks::numericalGradients, "the numerical gradient is", student))
                .add(check("backward: the 784-70-30-10 network against the library's Dense layers", mlps(),
                        BackpropChecks::libraryGradients, "the library's Dense layers give", student))
                .run();
    }

    /** A network (float32, as notebook 05 holds it), a batch and its targets, and λ2. */
    record Net(String what, INDArray[] w, INDArray x, INDArray y, double lambda2) {
        String label() {
            List<String> sizes = new ArrayList<>();
            sizes.add(Long.toString(x.size(1)));
            for (INDArray wl : w) sizes.add(Long.toString(wl.size(1)));
            return what + " (" + String.join("-", sizes) + ", a batch of " + x.size(0) + ", λ2 = " + Numbers.show(lambda2) + ")";
        }

        int layers() {
            return w.length;
        }
    }

    static List<Net> smallNetworks() {
        return List.of(
                net("a small network", 901, 4, 0.2, 1, 6, 5, 4, 3),
                net("the same network without the penalty", 901, 4, 0, 1, 6, 5, 4, 3),
                net("a batch of 1", 902, 1, 0.2, 1, 6, 5, 4, 3),
                net("a network of two layers", 903, 5, 0.5, 1, 7, 3, 2));
    }

    static List<Net> mlps() {
        return List.of(
                net("notebook 05's network", 911, 10, 0.2, 1, 784, 70, 30, 10),
                net("a batch of 1 without the penalty", 912, 1, 0, 1, 784, 70, 30, 10),
                net("large weights, saturating some units", 913, 10, 0.2, 100, 784, 70, 30, 10));
    }

    /** Weights and biases uniform in ±0.5·sqrt(1/n) (n the layer's inputs), times {@code scale}; inputs standard normal. */
    static Net net(String what, long seed, int batch, double lambda2, double scale, int... sizes) {
        INDArray[] w = new INDArray[sizes.length - 1];
        for (int l = 0; l < w.length; l++) {
            double limit = 0.5 * Math.sqrt(1.0 / sizes[l]) * scale;
            w[l] = Inputs.uniform(seed * 10 + l, -limit, limit, sizes[l] + 1, sizes[l + 1]);
        }
        INDArray x = Inputs.normal(seed * 10 + 7, batch, sizes[0]);
        INDArray y = Inputs.oneHot(seed * 10 + 8, batch, sizes[sizes.length - 1]);
        return new Net(what, w, x, y, lambda2);
    }

    static INDArray weights(INDArray w) {
        return w.get(interval(1, w.rows()), all());
    }

    static INDArray biases(INDArray w) {
        return w.get(interval(0, 1), all());
    }

    /** a[0] = x, a[l + 1] = sigmoid(a[l]·W + b), in the arrays' own data type. */
    static INDArray[] forward(INDArray x, INDArray[] w) {
        INDArray[] a = new INDArray[w.length + 1];
        a[0] = x;
        for (int l = 0; l < w.length; l++) a[l + 1] = Transforms.sigmoid(a[l].mmul(weights(w[l])).addiRowVector(biases(w[l])), false);
        return a;
    }

    /** −Σ [y·log a + (1 − y)·log(1 − a)] + λ2·½·Σ W², in the arrays' data type (float64 for the numerical gradients). */
    static double cost(INDArray x, INDArray y, INDArray[] w, double lambda2) {
        INDArray out = forward(x, w)[w.length];
        double logLoss = -y.mul(Transforms.log(out, true)).addi(y.rsub(1).muli(Transforms.log(out.rsub(1), false))).sumNumber().doubleValue();
        double penalty = 0;
        for (INDArray wl : w) penalty += 0.5 * lambda2 * weights(wl).mul(weights(wl)).sumNumber().doubleValue();
        return logLoss + penalty;
    }

    static INDArray[] toDouble(INDArray[] w) {
        return Arrays.stream(w).map(x -> x.castTo(DataType.DOUBLE)).toArray(INDArray[]::new);
    }

    /** (cost(w + ε) − cost(w − ε)) / 2ε for every entry of every w[l], in float64. */
    static INDArray[] numericalGradients(Net n) {
        double eps = 1e-5;
        INDArray[] w = toDouble(n.w());
        INDArray x = n.x().castTo(DataType.DOUBLE), y = n.y().castTo(DataType.DOUBLE);
        INDArray[] g = new INDArray[w.length];
        for (int l = 0; l < w.length; l++) {
            g[l] = w[l].ulike();
            for (long i = 0; i < w[l].length(); i++) {
                double original = w[l].getDouble(i);
                w[l].putScalar(i, original + eps);
                double plus = cost(x, y, w, n.lambda2());
                w[l].putScalar(i, original - eps);
                double minus = cost(x, y, w, n.lambda2());
                w[l].putScalar(i, original);
                g[l].putScalar(i, (plus - minus) / (2 * eps));
            }
        }
        return g;
    }

    /** The library's gradients for the same weights: Dense sigmoid layers, log loss summed, L2 on the weights. */
    static INDArray[] libraryGradients(Net n) {
        Sequential model = new Sequential().input(n.x().size(1)).dataType(DataType.DOUBLE);
        for (INDArray wl : n.w()) model.add(new Dense((int) wl.size(1), Activation.SIGMOID));
        model.build();
        List<Param> params = model.params();
        for (int l = 0; l < n.layers(); l++) {
            params.get(2 * l).value().assign(weights(n.w()[l]).castTo(DataType.DOUBLE));
            params.get(2 * l + 1).value().assign(biases(n.w()[l]).castTo(DataType.DOUBLE));
        }
        Loss loss = Loss.binaryCrossEntropy(Reduction.SUM);
        loss.forward(model.forward(n.x().castTo(DataType.DOUBLE), true), n.y().castTo(DataType.DOUBLE));
        model.backward(loss);
        Regularization.l2(n.lambda2()).addGradients(params);
        INDArray[] g = new INDArray[n.layers()];
        for (int l = 0; l < n.layers(); l++) {
            g[l] = n.w()[l].castTo(DataType.DOUBLE).ulike();
            weights(g[l]).assign(params.get(2 * l).grad());
            biases(g[l]).assign(params.get(2 * l + 1).grad());
        }
        return g;
    }

    private static Check check(String name, List<Net> nets, Function<Net, INDArray[]> reference,
                               String against, Backward student) {
        Check check = new Check(name, 2);
        for (Net n : nets) {
            INDArray[] expected = reference.apply(n);
            INDArray[] a = forward(n.x(), n.w());
            check.input(new Case<>(n.label(), () -> student.gradients(n.y().dup(), dups(n.w()), dups(a), n.lambda2()),
                    result -> judge(n, expected, result, against)));
        }
        return check;
    }

    private static INDArray[] dups(INDArray[] arrays) {
        return Arrays.stream(arrays).map(INDArray::dup).toArray(INDArray[]::new);
    }

    private static final double RTOL = 1e-3, ATOL = 1e-4;

    static String judge(Net n, INDArray[] expected, INDArray[] result, String against) {
        if (result == null) return "your backward returned null";
        if (result.length != n.layers()) {
            return "your backward returned " + result.length + " gradients for a network of " + n.layers()
                    + " layers: return one per matrix of w, in the same order";
        }
        List<INDArray[]> slips = new ArrayList<>();
        for (Slip s : Slip.values()) slips.add(s.applies(n) ? gradients(n, s) : null);
        for (int l = n.layers() - 1; l >= 0; l--) {
            String which = "w[" + l + "]" + (l == n.layers() - 1 ? " (the output layer)" : "");
            INDArray got = result[l];
            if (got == null) return "your gradient for " + which + " is null";
            if (!Arrays.equals(got.shape(), n.w()[l].shape())) {
                return "your gradient for " + which + " has shape " + Numbers.shape(got.shape()) + "; it must have the shape of "
                        + "w[" + l + "], " + Numbers.shape(n.w()[l].shape()) + " (row 0 for the biases, then one row per input)";
            }
            double[] values = Compare.values(got);
            int bad = firstNonFinite(values);
            if (bad >= 0) {
                return "your gradient for " + which + " holds " + Numbers.show(values[bad]) + " at "
                        + Numbers.position(Numbers.position(bad, got.shape())) + ": where a unit saturates, A is exactly 0 or 1 "
                        + "in float32 and dividing by A·(1 − A) gives infinity. At the output the derivatives of the log loss "
                        + "and of the sigmoid cancel: delta = A − Y, no division needed";
            }
            List<Mistake> mistakes = new ArrayList<>();
            for (Slip s : Slip.values()) {
                INDArray[] wrong = slips.get(s.ordinal());
                if (wrong != null) mistakes.add(Mistake.of(s.explanation, wrong[l]));
            }
            double scale = Math.max(1, Transforms.abs(expected[l], true).maxNumber().doubleValue());
            String weightRow = "in a weight row: a[" + l + "]ᵀ·delta + λ2·W";
            Hint where = pos -> pos[0] == 0 ? "in row 0, the biases' gradient: the column sums of delta, with no L2 term" : weightRow;
            String problem = Compare.differences("your gradient for " + which + " has", expected[l], got, where, mistakes,
                    RTOL, ATOL * scale);
            if (problem != null) return problem.replaceFirst("\\(expected ", "(" + against + " ");
        }
        return null;
    }

    private static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) if (!Double.isFinite(values[i])) return i;
        return -1;
    }

    /** The backward pass done right (slip null) or with one slip students often make, in float64. */
    static INDArray[] gradients(Net n, Slip slip) {
        INDArray[] w = toDouble(n.w());
        INDArray[] a = forward(n.x().castTo(DataType.DOUBLE), w);
        INDArray y = n.y().castTo(DataType.DOUBLE);
        INDArray out = a[w.length];
        INDArray delta = switch (slip == null ? Slip.NONE : slip) {
            case OUTPUT_DERIVATIVE -> out.sub(y).muli(out.mul(out.rsub(1)));
            case SIGN -> y.sub(out);
            default -> out.sub(y);
        };
        INDArray[] g = new INDArray[w.length];
        for (int l = w.length - 1; l >= 0; l--) {
            g[l] = w[l].ulike();
            weights(g[l]).assign(a[l].transpose().mmul(delta));
            biases(g[l]).assign(delta.sum(true, 0));
            if (slip != Slip.NO_L2) weights(g[l]).addi(weights(w[l]).mul(n.lambda2()));
            if (slip == Slip.L2_ON_BIAS) biases(g[l]).addi(biases(w[l]).mul(n.lambda2()));
            if (slip == Slip.MEAN) g[l].divi(n.x().size(0));
            if (l > 0) {
                INDArray back = delta.mmul(weights(w[l]).transpose());
                INDArray s = Transforms.sigmoid(a[l], true);
                delta = switch (slip == null ? Slip.NONE : slip) {
                    case NO_HIDDEN_DERIVATIVE -> back;
                    case SIGMOID_OF_A -> back.muli(s.mul(s.rsub(1)));
                    default -> back.muli(a[l].mul(a[l].rsub(1)));
                };
            }
        }
        return g;
    }

    enum Slip {
        NONE(""),
        OUTPUT_DERIVATIVE("at the output, delta is just A − Y: the log loss's derivative (A − Y) / (A·(1 − A)) and the "
                + "sigmoid's A·(1 − A) cancel, so do not multiply by A·(1 − A) there"),
        SIGN("the sign is flipped: at the output delta = A − Y"),
        L2_ON_BIAS("the L2 term is added to the bias row too; λ2·W goes on the weight rows only (rows 1…)"),
        NO_L2("the L2 term is missing: add λ2·W to the weight rows (rows 1…)"),
        MEAN("your gradient is divided by the batch size; notebook 05's cost sums the log loss over the batch"),
        SIGMOID_OF_A("the sigmoid is applied to A again: A already is sigmoid(Z), so the derivative is A·(1 − A)"),
        NO_HIDDEN_DERIVATIVE("the hidden layers' derivative is missing: passing delta back, multiply by A·(1 − A) of that layer");

        final String explanation;

        Slip(String explanation) {
            this.explanation = explanation;
        }

        /** Whether the slip changes anything for this network (no L2 slips without a penalty, no mean on a batch of 1). */
        boolean applies(Net n) {
            if (this == NONE) return false;
            if ((this == NO_L2 || this == L2_ON_BIAS) && n.lambda2() == 0) return false;
            return this != MEAN || n.x().size(0) > 1;
        }
    }
}
