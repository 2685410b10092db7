package dlnb.bench;

import dlnb.data.Dataset;
import dlnb.data.Mnist;
import dlnb.data.Standardizer;
import dlnb.loss.Loss;
import dlnb.loss.Reduction;
import dlnb.nn.Activation;
import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Flatten;
import dlnb.nn.Initializer;
import dlnb.nn.MaxPool2D;
import dlnb.optim.Adam;
import dlnb.optim.Momentum;
import dlnb.optim.Regularization;
import dlnb.optim.RmsProp;
import dlnb.metrics.Metric;
import dlnb.model.Callback;
import dlnb.model.EpochLogs;
import dlnb.model.FitOptions;
import dlnb.model.History;
import dlnb.model.Sequential;
import dlnb.model.Phase;

import java.util.List;
import java.util.Locale;

/**
 * The benchmark's workloads, all on full MNIST in float32 (see issue "The helper library"):
 * W1 the hand-written-MLP article's network (35 epochs at batch 500 and 20,000), W2 the Chainer MLP (hidden 50 and
 * 1000), W3 the Keras article's CNN (one epoch).
 */
public enum Workload {
    W1_500("W1 784-70-30-10 sigmoid, log loss, L2 0.2, momentum, batch 500, 35 epochs", "≤ 3.5 s"),
    W1_20000("W1 784-70-30-10 sigmoid, log loss, L2 0.2, momentum, batch 20,000, 35 epochs", "≤ 3.5 s"),
    W2_50("W2 784-50-50-10 relu, softmax CE, Adam, batch 100 (epochs 2-3)", "≥ 375,000 img/s"),
    W2_1000("W2 784-1000-1000-10 relu, softmax CE, Adam, batch 100 (epochs 2-3)", "≥ 18,000 img/s"),
    W3("W3 Keras-article CNN, RMSprop, batch 64, 1 epoch", "≥ 3,200 img/s");

    private final String description;
    private final String target;

    Workload(String description, String target) {
        this.description = description;
        this.target = target;
    }

    public String description() {
        return description;
    }

    public String target() {
        return target;
    }

    public static Workload parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * Trains and reports training seconds, images per second and the optimizer step's mean time over the measured
     * epochs (W1 all 35, W2 epochs 2-3, after the first has warmed up, W3 its one epoch), and test accuracy.
     */
    public Result run(Mnist mnist) {
        Data data = data(mnist);
        Sequential model = model();
        int epochs = epochs(), firstMeasured = this == W2_50 || this == W2_1000 ? 2 : 1;
        double[] updateSecondsBefore = new double[1];
        Callback startOfMeasure = new Callback() {
            @Override
            public void onEpochBegin(int epoch, Sequential m) {
                if (epoch == firstMeasured) updateSecondsBefore[0] = m.phaseTimer().seconds(Phase.UPDATE);
            }
        };
        History h = model.fit(data.train(), new FitOptions().epochs(epochs).batchSize(batchSize()).verbose(0).callbacks(startOfMeasure));
        List<EpochLogs> measured = h.epochs().subList(firstMeasured - 1, epochs);
        double seconds = measured.stream().mapToDouble(EpochLogs::seconds).sum();
        int batches = (data.train().size() + batchSize() - 1) / batchSize();
        double updateSeconds = model.phaseTimer().seconds(Phase.UPDATE) - updateSecondsBefore[0];
        return new Result(seconds, measured.size() * data.train().size() / seconds, model.evaluate(data.test()).accuracy(),
                FlopCount.perTrainingImage(model), updateSeconds / ((long) measured.size() * batches),
                UpdateTraffic.bytesPerStep(model.optimizer(), model.paramCount()));
    }

    /**
     * Training seconds and images/s over the measured epochs, test accuracy, the network's FLOPs per training image
     * ({@link FlopCount}), and the optimizer step's mean seconds (over the measured epochs' steps) and bytes moved
     * ({@link UpdateTraffic}).
     */
    public record Result(double seconds, double imagesPerSecond, double testAccuracy, long flopsPerImage,
                         double updateSecondsPerStep, long updateBytesPerStep) {
    }

    private static Sequential w1Model(double learningRate) {
        return new Sequential(
                new Dense(70, Activation.SIGMOID, Initializer.HALF_SQRT_UNIFORM),
                new Dense(30, Activation.SIGMOID, Initializer.HALF_SQRT_UNIFORM),
                new Dense(10, Activation.SIGMOID, Initializer.HALF_SQRT_UNIFORM)).seed(1).input(784)
                .compile(new Momentum(learningRate, 0.00005), Loss.binaryCrossEntropy(Reduction.SUM), Metric.ACCURACY)
                .regularization(Regularization.l2(0.2));
    }

    private static Sequential w2Model(int hidden) {
        return new Sequential(new Dense(hidden, Activation.RELU), new Dense(hidden, Activation.RELU), new Dense(10))
                .seed(1).input(784).compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
    }

    private static Sequential w3Model() {
        return new Sequential(
                new Conv2D(32, 3, Activation.RELU), new MaxPool2D(2),
                new Conv2D(64, 3, Activation.RELU), new MaxPool2D(2),
                new Conv2D(64, 3, Activation.RELU), new Flatten(),
                new Dense(70, Activation.RELU), new Dense(10, Activation.SOFTMAX)).seed(1).input(1, 28, 28)
                .compile(new RmsProp(), Loss.categoricalCrossEntropy(), Metric.ACCURACY);
    }

    /** This workload's network, compiled (also for {@link LayerProfile}). */
    Sequential model() {
        return switch (this) {
            case W1_500 -> w1Model(0.001);
            case W1_20000 -> w1Model(0.0001);
            case W2_50 -> w2Model(50);
            case W2_1000 -> w2Model(1000);
            case W3 -> w3Model();
        };
    }

    /** The training set as this workload feeds it (see {@link #data}). */
    Dataset trainingSet(Mnist mnist) {
        return data(mnist).train();
    }

    /** The training and test sets: standardised by the training set's statistics for W1 and W3, as images for W3. */
    private Data data(Mnist mnist) {
        if (this == W2_50 || this == W2_1000) return new Data(mnist.train(), mnist.test());
        Standardizer s = Standardizer.fit(mnist.train());
        Dataset train = s.transform(mnist.train()), test = s.transform(mnist.test());
        return this == W3 ? new Data(train.reshape(1, 28, 28), test.reshape(1, 28, 28)) : new Data(train, test);
    }

    private record Data(Dataset train, Dataset test) {
    }

    private int epochs() {
        return switch (this) {
            case W1_500, W1_20000 -> 35;
            case W2_50, W2_1000 -> 3;
            case W3 -> 1;
        };
    }

    /** The mini-batch size this workload trains with. */
    int batchSize() {
        return switch (this) {
            case W1_500 -> 500;
            case W1_20000 -> 20_000;
            case W2_50, W2_1000 -> 100;
            case W3 -> 64;
        };
    }
}
