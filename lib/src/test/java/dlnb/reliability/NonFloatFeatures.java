package dlnb.reliability;

import dlnb.backend.NativeVariant;
import dlnb.data.Batch;
import dlnb.data.Dataset;
import dlnb.data.MiniBatches;
import dlnb.loss.Loss;
import dlnb.metrics.Metric;
import dlnb.model.Evaluation;
import dlnb.model.FitOptions;
import dlnb.model.History;
import dlnb.model.Sequential;
import dlnb.nn.Dense;
import dlnb.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Features that are not float32, run in a JVM of its own (see {@link NonFloatFeaturesTest}): before the data were
 * checked, float64 rows overran ND4J's float32 copy (SIGSEGV in pullRowsGeneric&lt;double&gt;), INT features trained
 * on near-zero values and UBYTE features stopped with NaN. Prints one line per check; exits 1 on a wrong result.
 */
public final class NonFloatFeatures {
    private static int failures;

    public static void main(String[] args) {
        NativeVariant.selectForThisMachine();
        theIssuesExampleTrainsAsOnFloat32();
        aFloat64ModelTrainsEvaluatesAndPredicts();
        for (DataType t : new DataType[]{DataType.INT, DataType.UBYTE, DataType.LONG, DataType.BOOL}) integerFeaturesAreRefused(t);
        halfPrecisionFeaturesAreConverted();
        miniBatchesKeepTheSourceType();
        System.out.println(failures == 0 ? "ALL PASSED" : failures + " FAILED");
        System.exit(failures == 0 ? 0 : 1);
    }

    private static Sequential model() {
        return new Sequential(new Dense(10)).input(784).compile(new Sgd(0.1), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
    }

    private static FitOptions options() {
        return new FitOptions().epochs(1).batchSize(100).verbose(0);
    }

    private static void check(boolean ok, String what) {
        System.out.println((ok ? "ok: " : "FAILED: ") + what);
        if (!ok) failures++;
    }

    private static void theIssuesExampleTrainsAsOnFloat32() {
        double[][] rows = new double[1000][784];
        for (double[] r : rows) Arrays.fill(r, 0.5);
        Dataset d = new Dataset(Nd4j.create(rows), new int[1000], 10);
        Sequential onDoubles = model();
        History h = onDoubles.fit(d, options());
        Sequential onFloats = model();
        onFloats.fit(d.withFeatures(d.features().castTo(DataType.FLOAT)), options());
        check(Double.isFinite(h.last().loss()) && h.stopReason() == null, "float64 rows train, loss " + h.last().loss());
        check(Arrays.equals(onDoubles.flatParams().toFloatVector(), onFloats.flatParams().toFloatVector()),
                "float64 rows give the weights their float32 copy gives");
        Evaluation e = onDoubles.evaluate(d);
        check(e.accuracy() == 1.0 && Double.isFinite(e.loss()), "evaluate on float64 rows: " + e);
        check(onDoubles.predict(d.features()).dataType() == DataType.FLOAT && onDoubles.predictClasses(d).length == 1000,
                "predict and predictClasses on float64 rows");
    }

    private static void aFloat64ModelTrainsEvaluatesAndPredicts() {
        Nd4j.getRandom().setSeed(5);
        int[] labels = new int[600];
        Arrays.setAll(labels, i -> i % 10);
        Dataset d = new Dataset(Nd4j.rand(DataType.FLOAT, 600, 784), labels, 10);
        Sequential m = new Sequential(new Dense(10)).input(784).dataType(DataType.DOUBLE)
                .compile(new Sgd(0.1), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
        History h = m.fit(d, options().validationData(d));
        check(Double.isFinite(h.last().loss()) && Double.isFinite(h.last().valLoss()), "dataType(DOUBLE) trains on float32 data: " + h.last());
        check(Double.isFinite(m.evaluate(d).loss()), "dataType(DOUBLE) evaluates float32 data");
        INDArray out = m.predict(d.features());
        check(out.dataType() == DataType.DOUBLE && out.size(0) == 600 && m.predictClasses(d).length == 600,
                "dataType(DOUBLE) predicts in float64");
    }

    private static void integerFeaturesAreRefused(DataType type) {
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.FLOAT, 200, 784).muli(255).castTo(type);
        Dataset d = new Dataset(x, new int[200], 10);
        Sequential m = model();
        String[] calls = {"fit", "evaluate", "predict", "predictClasses"};
        for (String call : calls) {
            try {
                switch (call) {
                    case "fit" -> m.fit(d, options());
                    case "evaluate" -> m.evaluate(d);
                    case "predict" -> m.predict(x);
                    default -> m.predictClasses(d);
                }
                check(false, call + " on " + type + " features was not refused");
            } catch (IllegalArgumentException e) {
                check(e.getMessage().contains("holds " + type + " values") && e.getMessage().contains("castTo(DataType.FLOAT)"),
                        call + " on " + type + ": " + e.getMessage());
            }
        }
    }

    private static void halfPrecisionFeaturesAreConverted() {
        Nd4j.getRandom().setSeed(7);
        Dataset d = new Dataset(Nd4j.rand(DataType.FLOAT, 300, 784).castTo(DataType.HALF), new int[300], 10);
        History h = model().fit(d, options());
        check(Double.isFinite(h.last().loss()), "float16 features are converted and train: loss " + h.last().loss());
    }

    private static void miniBatchesKeepTheSourceType() {
        INDArray x = Nd4j.create(new double[][]{{0, 0.5}, {1, 1.5}, {2, 2.5}, {3, 3.5}, {4, 4.5}});
        MiniBatches b = MiniBatches.shuffled(new Dataset(x, new int[]{0, 1, 0, 1, 0}, 2), 2, 3);
        b.nextEpoch();
        int[] order = b.order();
        Batch first = b.get(0);
        check(first.x().dataType() == DataType.DOUBLE && first.x().getDouble(1, 0) == order[1],
                "MiniBatches shuffles float64 rows in float64: " + first.x());
    }
}
