package dlnb.check;

import dlnb.loss.Loss;
import dlnb.metrics.Accuracy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import java.util.function.UnaryOperator;

/**
 * Checks of a student's evaluation phase: mean loss and accuracy over a data set, in mini-batches taken in order,
 * no shuffling, every image once, each batch weighted by its size. The reference is the library's loss and
 * {@link Accuracy} over the whole set at once (the only place these checks touch the library).
 * <pre>{@code
 * EvaluationChecks.evaluate((scoresOf, meanLoss, x, y, batchSize) -> evaluate(scoresOf, meanLoss, x, y, batchSize));
 * }</pre>
 */
public final class EvaluationChecks {
    private EvaluationChecks() {
    }

    /** The student's method: returns {mean loss, accuracy} over all rows of x. */
    @FunctionalInterface
    public interface Evaluate {
        double[] evaluate(UnaryOperator<INDArray> scoresOf, ToDoubleBiFunction<INDArray, INDArray> meanLoss,
                          INDArray x, INDArray oneHot, int batchSize);
    }

    /** grade_id "evaluate": batches in order 1 point, the mean loss 1 point, the accuracy 1 point. */
    public static void evaluate(Evaluate student) {
        new Exercise("evaluate")
                .add(orderCheck(student))
                .add(valueCheck(student, 0, "mean loss"))
                .add(valueCheck(student, 1, "accuracy"))
                .run();
    }

    static final int FEATURES = 6, CLASSES = 4;

    /** A made-up data set: column 0 of x holds each row's number (it does not affect the scores). */
    record DataSet(String what, INDArray x, INDArray oneHot, int batchSize) {
        String label() {
            return what + " " + Numbers.shape(x.shape());
        }

        int rows() {
            return (int) x.size(0);
        }
    }

    static List<DataSet> dataSets() {
        return List.of(
                dataSet("250 images in batches of 100 (the last batch has 50)", 401, 250, 100),
                dataSet("100 images in batches of 25", 402, 100, 25),
                dataSet("7 images in batches of 1", 403, 7, 1),
                dataSet("30 images in one batch of up to 100", 404, 30, 100));
    }

    private static DataSet dataSet(String what, long seed, int rows, int batchSize) {
        INDArray x = Inputs.normal(seed, rows, FEATURES);
        x.getColumn(0).assign(Nd4j.arange(rows).castTo(x.dataType()));
        INDArray scores = scores(x);
        // About two thirds of the labels agree with the scores' highest class, so the accuracy is neither 0 nor 1.
        INDArray random = Inputs.oneHot(seed + 1, rows, CLASSES);
        INDArray predicted = Nd4j.zeros(x.dataType(), rows, CLASSES);
        INDArray best = Nd4j.argMax(scores, 1);
        for (int i = 0; i < rows; i++) {
            if (i % 3 != 2) predicted.putScalar(i, best.getInt(i), 1);
            else predicted.getRow(i).assign(random.getRow(i));
        }
        return new DataSet(what, x, predicted, batchSize);
    }

    private static final INDArray WEIGHTS = weights();

    private static INDArray weights() {
        INDArray w = Inputs.normal(499, FEATURES, CLASSES);
        w.getRow(0).assign(0); // the row numbers in column 0 must not change the scores
        return w;
    }

    static INDArray scores(INDArray x) {
        return x.mmul(WEIGHTS);
    }

    static double referenceLoss(DataSet d) {
        return Loss.softmaxCrossEntropy().forward(scores(d.x()), d.oneHot().dup());
    }

    static double referenceAccuracy(DataSet d) {
        return Accuracy.of(scores(d.x()), d.oneHot());
    }

    private static double libraryMeanLoss(INDArray scores, INDArray oneHot) {
        return Loss.softmaxCrossEntropy().forward(scores, oneHot);
    }

    /** What the student's code passed to the network, call by call: the row numbers of each batch. */
    private static final class Recorder implements UnaryOperator<INDArray> {
        final List<double[]> batches = new ArrayList<>();

        @Override
        public synchronized INDArray apply(INDArray batch) {
            batches.add(Compare.values(batch.getColumn(0)));
            return scores(batch);
        }
    }

    private static Check orderCheck(Evaluate student) {
        Check check = new Check("evaluate: mini-batches in order", 1);
        for (DataSet d : dataSets()) {
            check.input(new Case<>(d.label(), () -> {
                Recorder network = new Recorder();
                student.evaluate(network, EvaluationChecks::libraryMeanLoss, d.x().dup(), d.oneHot().dup(), d.batchSize());
                return network.batches;
            }, batches -> order(d, batches)));
        }
        return check;
    }

    static String order(DataSet d, List<double[]> batches) {
        List<Double> seen = new ArrayList<>();
        for (double[] b : batches) {
            if (b.length > d.batchSize()) {
                return "your evaluate passed " + b.length + " images to the network at once: evaluate in mini-batches of at most "
                        + d.batchSize() + " (batchSize)";
            }
            for (double row : b) seen.add(row);
        }
        int n = d.rows();
        if (seen.size() < n) {
            return "your evaluate showed only " + seen.size() + " of the " + n + " images to the network"
                    + (n % d.batchSize() != 0 ? " (is the last, smaller batch left out?)" : "");
        }
        if (seen.size() > n) return "your evaluate showed " + seen.size() + " images for " + n + ": some images were evaluated twice";
        for (int i = 0; i < n; i++) {
            if (seen.get(i) != i) {
                return "your evaluate did not take the images in order (image " + Numbers.show(seen.get(i)) + " came " + ordinal(i + 1)
                        + "): evaluation goes through the data once, in order, without shuffling";
            }
        }
        return null;
    }

    private static String ordinal(int k) {
        String suffix = (k % 100 >= 11 && k % 100 <= 13) ? "th" : switch (k % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return k + suffix;
    }

    private static Check valueCheck(Evaluate student, int which, String what) {
        Check check = new Check("evaluate: " + what, 1);
        for (DataSet d : dataSets()) {
            double expected = which == 0 ? referenceLoss(d) : referenceAccuracy(d);
            List<Mistake> mistakes = mistakes(d, which);
            check.input(new Case<>(d.label(),
                    () -> student.evaluate(EvaluationChecks::scores, EvaluationChecks::libraryMeanLoss, d.x().dup(), d.oneHot().dup(), d.batchSize()),
                    result -> {
                        if (result == null) return "your evaluate returned null";
                        if (result.length != 2) return "your evaluate returned " + result.length + " numbers; return {mean loss, accuracy}";
                        return Compare.scalars("evaluate's " + what, expected, result[which], mistakes);
                    }));
        }
        return check;
    }

    /** Wrong answers: batch means averaged without weights, the last batch dropped, a count or a percentage. */
    private static List<Mistake> mistakes(DataSet d, int which) {
        int n = d.rows(), b = d.batchSize();
        double unweighted = 0, weightedFull = 0;
        int batches = 0, fullRows = 0;
        for (int start = 0; start < n; start += b) {
            int end = Math.min(n, start + b);
            INDArray x = d.x().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray y = d.oneHot().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            double v = which == 0 ? libraryMeanLoss(scores(x), y.dup()) : Accuracy.of(scores(x), y);
            unweighted += v;
            batches++;
            if (end - start == b) {
                weightedFull += v * b;
                fullRows += b;
            }
        }
        List<Mistake> m = new ArrayList<>();
        if (n % b != 0) {
            m.add(Mistake.of("that is the plain average of the batches' values; the last batch has only " + (n % b)
                    + " images, so weight each batch by its size and divide by the number of images", unweighted / batches));
            if (fullRows > 0) m.add(Mistake.of("the last, smaller batch is left out", weightedFull / fullRows));
        }
        if (which == 1) {
            double accuracy = referenceAccuracy(d);
            m.add(Mistake.of("that is the number of right answers; the accuracy is their fraction (divide by the number of images)", accuracy * n));
            m.add(Mistake.of("that is a percentage; return a fraction between 0 and 1", accuracy * 100));
        }
        return m;
    }
}
