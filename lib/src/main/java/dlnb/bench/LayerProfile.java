package dlnb.bench;

import dlnb.data.Batch;
import dlnb.data.Dataset;
import dlnb.data.MiniBatches;
import dlnb.data.Mnist;
import dlnb.loss.Loss;
import dlnb.model.LayerPass;
import dlnb.model.Sequential;
import dlnb.nn.Layer;
import dlnb.backend.Threads;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Where a training step spends its time: each layer's forward and backward, the batch gather, the loss and the
 * update, in microseconds per batch, averaged over a few hundred batches after a warm-up, for any of the benchmark's
 * workloads ({@link Workload}; W3 by default).
 *   java ... dlnb.bench.LayerProfile [W1_500|W1_20000|W2_50|W2_1000|W3] [batches]
 */
public final class LayerProfile {
    private LayerProfile() {
    }

    public static void main(String[] args) {
        Workload workload = args.length == 0 ? Workload.W3 : Workload.parse(args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Mnist mnist = Mnist.load();
        Dataset train = workload.trainingSet(mnist);
        Sequential model = workload.model();
        int batch = workload.batchSize();
        model.build();
        Threads.tuned().apply();
        List<LayerPass> parts = model.passes();
        MiniBatches batches = MiniBatches.shuffled(train, batch, 1);
        batches.nextEpoch();
        long[] forward = new long[parts.size()], backward = new long[parts.size()];
        long lossNanos = 0, updateNanos = 0, gatherNanos = 0;
        Loss loss = model.loss();
        boolean fused = loss.fusesWith(model.outputActivation());
        // Small workloads need thousands of steps before the JIT has compiled every pass; a quarter of the run, at
        // least 50 steps, is discarded as warm-up.
        int warmUp = Math.max(50, steps / 4);
        Layer last = model.layers().get(model.layers().size() - 1);
        for (int step = 0; step < steps + warmUp; step++) {
            if (step == warmUp) {
                java.util.Arrays.fill(forward, 0);
                java.util.Arrays.fill(backward, 0);
                lossNanos = updateNanos = gatherNanos = 0;
            }
            long t = System.nanoTime();
            Batch b = batches.get(step % (batches.count() - 1));
            long now = System.nanoTime();
            gatherNanos += now - t;
            INDArray a = b.x();
            for (int i = 0; i < parts.size(); i++) {
                t = System.nanoTime();
                a = parts.get(i).forward().apply(a);
                forward[i] += System.nanoTime() - t;
            }
            t = System.nanoTime();
            loss.forward(a, b.y());
            INDArray g = fused ? loss.backwardPreActivation() : loss.backward();
            lossNanos += System.nanoTime() - t;
            for (int i = parts.size() - 1; i >= 0; i--) {
                t = System.nanoTime();
                g = i == parts.size() - 1 && fused ? last.backwardFromPreActivation(g) : parts.get(i).backward().apply(g);
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
        for (int i = 0; i < parts.size(); i++) {
            System.out.printf("| %s | %.0f | %.0f |%n", parts.get(i).name(), forward[i] / 1e3 / steps, backward[i] / 1e3 / steps);
            total += (forward[i] + backward[i]) / 1e3 / steps;
        }
        System.out.printf("| loss (value and gradient) | %.0f | |%n", lossNanos / 1e3 / steps);
        System.out.printf("| update (%s) | %.0f | |%n", model.optimizer().name(), updateNanos / 1e3 / steps);
        System.out.printf("| total | %.0f µs per batch of %d = %,.0f images/s | |%n", total, batch, batch * 1e6 / total);
    }
}
