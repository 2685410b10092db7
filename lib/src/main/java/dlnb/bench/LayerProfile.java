package dlnb.bench;

import dlnb.data.Batch;
import dlnb.data.Dataset;
import dlnb.data.MiniBatches;
import dlnb.data.Mnist;
import dlnb.loss.Loss;
import dlnb.model.Sequential;
import dlnb.nn.ConvChain;
import dlnb.nn.FusedHead;
import dlnb.nn.Layer;
import dlnb.backend.Threads;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

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
        List<Part> parts = parts(model);
        MiniBatches batches = MiniBatches.shuffled(train, batch, 1);
        batches.nextEpoch();
        long[] forward = new long[parts.size()], backward = new long[parts.size()];
        long lossNanos = 0, updateNanos = 0, gatherNanos = 0;
        Loss loss = model.loss();
        boolean fused = loss.fusesWith(model.outputActivation());
        // Small workloads need thousands of steps before the JIT has compiled every pass; a quarter of the run, at
        // least 50 steps, is discarded as warm-up.
        int warmUp = Math.max(50, steps / 4);
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
                a = parts.get(i).forward.apply(a);
                forward[i] += System.nanoTime() - t;
            }
            t = System.nanoTime();
            loss.forward(a, b.y());
            INDArray g = fused ? loss.backwardPreActivation() : loss.backward();
            lossNanos += System.nanoTime() - t;
            for (int i = parts.size() - 1; i >= 0; i--) {
                t = System.nanoTime();
                Layer last = model.layers().get(model.layers().size() - 1);
                g = i == parts.size() - 1 && fused ? last.backwardFromPreActivation(g) : parts.get(i).backward.apply(g);
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
            System.out.printf("| %s | %.0f | %.0f |%n", parts.get(i).name, forward[i] / 1e3 / steps, backward[i] / 1e3 / steps);
            total += (forward[i] + backward[i]) / 1e3 / steps;
        }
        System.out.printf("| loss (value and gradient) | %.0f | |%n", lossNanos / 1e3 / steps);
        System.out.printf("| update (%s) | %.0f | |%n", model.optimizer().name(), updateNanos / 1e3 / steps);
        System.out.printf("| total | %.0f µs per batch of %d = %,.0f images/s | |%n", total, batch, batch * 1e6 / total);
    }

    /** A layer, or several that the model runs as one pass, with its two directions. */
    private record Part(String name, UnaryOperator<INDArray> forward, UnaryOperator<INDArray> backward) {
    }

    /** The model's layers as the model runs them: the fused head and the oneDNN chains as one part each (see Sequential). */
    private static List<Part> parts(Sequential model) {
        List<Layer> layers = model.layers();
        long[][] shapes = new long[layers.size()][];
        long[] s = model.inputShape();
        for (int i = 0; i < layers.size(); i++) {
            shapes[i] = s;
            s = layers.get(i).outputShape(s);
        }
        FusedHead head = FusedHead.of(layers, model.inputShape());
        List<ConvChain> chains = ConvChain.of(layers, shapes, head == null ? 0 : head.size());
        List<Part> parts = new ArrayList<>();
        int i = 0;
        if (head != null) {
            parts.add(new Part(names(layers.subList(0, head.size())) + ", fused", head::forward, g -> {
                head.backward(g);
                return null;
            }));
            i = head.size();
        }
        while (i < layers.size()) {
            int at = i;
            ConvChain chain = chains.stream().filter(c -> c.start() == at).findFirst().orElse(null);
            if (chain != null) {
                String name = names(layers.subList(at, at + chain.size())) + ", one oneDNN chain";
                parts.add(new Part(name, chain::forward, chain::backward));
                i += chain.size();
            } else {
                Layer l = layers.get(i++);
                parts.add(new Part(l.toString(), a -> l.forward(a, true), l::backward));
            }
        }
        return parts;
    }

    private static String names(List<Layer> layers) {
        return layers.stream().map(Object::toString).collect(Collectors.joining(" + "));
    }
}
