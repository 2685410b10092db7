package dlnb.bench;

import dlnb.data.Batch;
import dlnb.data.Dataset;
import dlnb.data.MiniBatches;
import dlnb.data.Mnist;
import dlnb.data.Standardizer;
import dlnb.loss.Loss;
import dlnb.metrics.Metric;
import dlnb.model.Sequential;
import dlnb.nn.Activation;
import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Flatten;
import dlnb.nn.Layer;
import dlnb.nn.MaxPool2D;
import dlnb.backend.Threads;
import dlnb.optim.Adam;
import dlnb.optim.RmsProp;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Where a training step spends its time: each layer's forward and backward, the batch gather, the loss and the
 * update, in microseconds per batch, averaged over a few hundred batches after a warm-up. W3 is the Keras article's
 * CNN (batches of 64), W2_50 the Chainer MLP (batches of 100).
 *   java ... dlnb.bench.LayerProfile [W3|W2_50] [batches]
 */
public final class LayerProfile {
    private LayerProfile() {
    }

    public static void main(String[] args) {
        boolean cnn = args.length == 0 || args[0].equals("W3");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Mnist mnist = Mnist.load();
        Dataset train;
        Sequential model;
        if (cnn) {
            Standardizer s = Standardizer.fit(mnist.train());
            train = s.transform(mnist.train()).reshape(1, 28, 28);
            model = new Sequential(
                    new Conv2D(32, 3, Activation.RELU), new MaxPool2D(2),
                    new Conv2D(64, 3, Activation.RELU), new MaxPool2D(2),
                    new Conv2D(64, 3, Activation.RELU), new Flatten(),
                    new Dense(70, Activation.RELU), new Dense(10, Activation.SOFTMAX)).seed(1).input(1, 28, 28)
                    .compile(new RmsProp(), Loss.categoricalCrossEntropy(), Metric.ACCURACY);
        } else {
            train = mnist.train();
            model = new Sequential(new Dense(50, Activation.RELU), new Dense(50, Activation.RELU), new Dense(10)).seed(1).input(784)
                    .compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
        }
        int batch = cnn ? 64 : 100;
        model.build();
        Threads.tuned().apply();
        List<Layer> layers = model.layers();
        MiniBatches batches = MiniBatches.shuffled(train, batch, 1);
        batches.nextEpoch();
        long[] forward = new long[layers.size()], backward = new long[layers.size()];
        long lossNanos = 0, updateNanos = 0, gatherNanos = 0;
        Loss loss = model.loss();
        for (int step = 0; step < steps + 50; step++) {
            if (step == 50) {
                java.util.Arrays.fill(forward, 0);
                java.util.Arrays.fill(backward, 0);
                lossNanos = updateNanos = gatherNanos = 0;
            }
            long t = System.nanoTime();
            Batch b = batches.get(step % (batches.count() - 1));
            long now = System.nanoTime();
            gatherNanos += now - t;
            INDArray a = b.x();
            for (int i = 0; i < layers.size(); i++) {
                t = System.nanoTime();
                a = layers.get(i).forward(a, true);
                forward[i] += System.nanoTime() - t;
            }
            t = System.nanoTime();
            loss.forward(a, b.y());
            INDArray g = loss.fusesWith(model.outputActivation()) ? loss.backwardPreActivation() : loss.backward();
            lossNanos += System.nanoTime() - t;
            boolean fused = loss.fusesWith(model.outputActivation());
            for (int i = layers.size() - 1; i >= 0; i--) {
                t = System.nanoTime();
                g = i == layers.size() - 1 && fused ? layers.get(i).backwardFromPreActivation(g) : layers.get(i).backward(g);
                backward[i] += System.nanoTime() - t;
            }
            t = System.nanoTime();
            model.optimizer().update(model.flatParams(), model.flatGradients());
            updateNanos += System.nanoTime() - t;
        }
        double total = (gatherNanos + lossNanos + updateNanos) / 1e3 / steps;
        System.out.println("| part | forward µs | backward µs |");
        System.out.println("|---|---:|---:|");
        System.out.printf("| batch gather | %.0f | |%n", gatherNanos / 1e3 / steps);
        for (int i = 0; i < layers.size(); i++) {
            System.out.printf("| %s | %.0f | %.0f |%n", layers.get(i), forward[i] / 1e3 / steps, backward[i] / 1e3 / steps);
            total += (forward[i] + backward[i]) / 1e3 / steps;
        }
        System.out.printf("| loss (value and gradient) | %.0f | |%n", lossNanos / 1e3 / steps);
        System.out.printf("| update (%s) | %.0f | |%n", model.optimizer().name(), updateNanos / 1e3 / steps);
        System.out.printf("| total | %.0f µs per batch of %d = %,.0f images/s | |%n", total, batch, batch * 1e6 / total);
    }
}
