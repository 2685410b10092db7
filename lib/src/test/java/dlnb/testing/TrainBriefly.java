package dlnb.testing;

import dlnb.data.Dataset;
import dlnb.loss.Loss;
import dlnb.loss.Reduction;
import dlnb.metrics.Metric;
import dlnb.model.FitOptions;
import dlnb.model.History;
import dlnb.model.Sequential;
import dlnb.nn.Activation;
import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Flatten;
import dlnb.nn.Initializer;
import dlnb.nn.MaxPool2D;
import dlnb.ops.Simd;
import dlnb.optim.Adam;
import dlnb.optim.Momentum;
import dlnb.optim.Regularization;
import dlnb.optim.RmsProp;

import java.util.ArrayList;
import java.util.List;

/**
 * Short runs of the three kinds of network the notebooks train (ReLU MLP with Adam, sigmoid MLP with log loss, L2
 * and momentum, CNN with RMSprop), printing whether the Vector API was used and every epoch's loss and accuracy:
 * run in JVMs with and without the module, the numbers must agree.
 */
public final class TrainBriefly {
    private TrainBriefly() {
    }

    public static List<double[]> histories() {
        var mnist = TestData.mnist();
        Dataset train = mnist.train().first(2000);
        List<double[]> out = new ArrayList<>();
        FitOptions two = new FitOptions().epochs(2).batchSize(100).verbose(0);
        History relu = new Sequential(new Dense(50, Activation.RELU), new Dense(10)).seed(1).input(784)
                .compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY).fit(train, two);
        History sigmoid = new Sequential(new Dense(30, Activation.SIGMOID, Initializer.HALF_SQRT_UNIFORM),
                new Dense(10, Activation.SIGMOID, Initializer.HALF_SQRT_UNIFORM)).seed(1).input(784)
                .compile(new Momentum(0.001, 0.00005), Loss.binaryCrossEntropy(Reduction.SUM), Metric.ACCURACY)
                .regularization(Regularization.l2(0.1)).fit(train, two);
        History cnn = new Sequential(new Conv2D(8, 3, Activation.RELU), new MaxPool2D(2), new Flatten(), new Dense(10, Activation.SOFTMAX))
                .seed(1).input(1, 28, 28).compile(new RmsProp(), Loss.categoricalCrossEntropy(), Metric.ACCURACY)
                .fit(train.reshape(1, 28, 28), two);
        for (History h : List.of(relu, sigmoid, cnn)) {
            out.add(h.values("loss"));
            out.add(h.values("accuracy"));
        }
        return out;
    }

    public static void main(String[] args) {
        System.out.println("vector API " + Simd.enabled());
        for (double[] series : histories()) {
            StringBuilder line = new StringBuilder("values");
            for (double v : series) line.append(' ').append(v);
            System.out.println(line);
        }
    }
}
