package dlnb.ops;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive convolutions (with or without ReLU) and max-poolings run as one chain of oneDNN primitives that hand
 * each other oneDNN's own blocked layouts: the batch is converted from NCHW once on the way in and once on the way
 * out, and so is the gradient on the way back, instead of around every primitive as ND4J's ops do. The maths is the
 * layers' own (Conv2D's and MaxPool2D's files); the tests check the chain against them.
 * <p>
 * On several cores each part of the batch ({@link BatchSplit}) runs the whole chain on its own core, so the cores
 * meet twice a step instead of around every primitive; the weight and bias gradients are then each part's sums
 * added up. W3's conv2, pool and conv3 at batch 64 ({@code LayerProfile W3 600}, two pairs of runs, forward/backward
 * in ms), as one chain against the three layers on ND4J's ops:
 * <pre>
 * conv2 + pool + conv3    1.18/2.65, 1.17/2.66   against 1.92/3.87, 2.05/4.26
 * whole step              5.32, 5.36             against 7.26, 7.87
 * </pre>
 */
public final class OneDnnChain {
    /** One step of the chain, for examples of [channels, height, width]. */
    public sealed interface Stage permits Conv, MaxPool {
        long[] outputShape(long[] in);
    }

    /** A convolution without padding: weights [kH, kW, channelsIn, filters] (oneDNN's hwio), bias [filters]. */
    public record Conv(INDArray w, INDArray b, int strideH, int strideW, boolean relu) implements Stage {
        /** oneDNN's order of the weights' dimensions: filters, channels in, kernel height, kernel width. */
        long[] weightDims() {
            return new long[]{w.size(3), w.size(2), w.size(0), w.size(1)};
        }

        @Override
        public long[] outputShape(long[] in) {
            return new long[]{w.size(3), (in[1] - w.size(0)) / strideH + 1, (in[2] - w.size(1)) / strideW + 1};
        }
    }

    /** A max-pooling without padding. */
    public record MaxPool(int height, int width, int strideH, int strideW) implements Stage {
        @Override
        public long[] outputShape(long[] in) {
            return new long[]{in[0], (in[1] - height) / strideH + 1, (in[2] - width) / strideW + 1};
        }
    }

    private final List<Stage> stages;
    /** [channels, height, width] of the chain's input, then after each stage. */
    private final long[][] shapes;
    private final boolean inputGradientNeeded;

    public OneDnnChain(List<Stage> stages, long[] exampleShape, boolean inputGradientNeeded) {
        if (stages.isEmpty()) throw new IllegalArgumentException("a chain needs at least one stage");
        this.stages = List.copyOf(stages);
        this.inputGradientNeeded = inputGradientNeeded;
        shapes = new long[stages.size() + 1][];
        shapes[0] = exampleShape.clone();
        for (int i = 0; i < stages.size(); i++) shapes[i + 1] = stages.get(i).outputShape(shapes[i]);
    }

    public static boolean usable() {
        return OneDnn.usable();
    }

    /**
     * The chain bound to batches of {@code batch} examples, filling {@code gradW} and {@code gradB} (one pair per
     * convolution, in the chain's order) on the way back.
     */
    public Bound bind(long batch, List<INDArray> gradW, List<INDArray> gradB) {
        return new Bound(batch, gradW, gradB);
    }

    public final class Bound {
        private final INDArray output, inputGradient;
        private final BatchSplit split;
        private final BatchSplit.Views inputs, gradients;
        private final Part[] parts;
        private final List<INDArray> gradW, gradB;

        private Bound(long batch, List<INDArray> gradW, List<INDArray> gradB) {
            this.gradW = gradW;
            this.gradB = gradB;
            output = Nd4j.createUninitialized(DataType.FLOAT, batchShape(batch, shapes[shapes.length - 1]));
            inputGradient = inputGradientNeeded ? Nd4j.createUninitialized(DataType.FLOAT, batchShape(batch, shapes[0])) : null;
            split = BatchSplit.of(batch);
            inputs = split.views();
            gradients = split.views();
            parts = new Part[split.count()];
            // Each part's primitives are made on the thread that runs them: oneDNN fixes a primitive's thread count
            // when it makes it, and two-thread primitives run by each of two threads fought over the cores (conv2's
            // weight gradient took 4.2 ms a part instead of 1.5).
            split.run(k -> parts[k] = new Part(split.part(output, k), inputGradient == null ? null : split.part(inputGradient, k),
                    k == 0 ? gradW : ulike(gradW), k == 0 ? gradB : ulike(gradB)));
        }

        /** The last stage's output for the last forward pass, [batch, channels, height, width]. */
        public INDArray output() {
            return output;
        }

        /** The gradient with respect to the chain's input after {@link #backward}, or null when it is not needed. */
        public INDArray inputGradient() {
            return inputGradient;
        }

        /** Runs a batch of [batch, channels, height, width] through every stage into {@link #output}. */
        public void forward(INDArray x) {
            INDArray[] xs = inputs.of(OneDnn.lends(x) ? x : x.dup('c'));
            split.run(k -> parts[k].forward(xs[k]));
        }

        /** Back-propagates the gradient of the output through every stage, filling the gradients bound. */
        public void backward(INDArray gradOutput) {
            INDArray[] gs = gradients.of(OneDnn.lends(gradOutput) ? gradOutput : gradOutput.dup('c'));
            split.run(k -> parts[k].backward(gs[k]));
            for (int k = 1; k < parts.length; k++) {
                for (int j = 0; j < gradW.size(); j++) {
                    gradW.get(j).addi(parts[k].gradW.get(j));
                    gradB.get(j).addi(parts[k].gradB.get(j));
                }
            }
        }
    }

    private static List<INDArray> ulike(List<INDArray> arrays) {
        return arrays.stream().map(INDArray::ulike).toList();
    }

    private static long[] batchShape(long batch, long[] example) {
        return new long[]{batch, example[0], example[1], example[2]};
    }

    /**
     * One part of the batch: its stages' primitives on its own stream, the backward ones made at the first backward
     * pass (batch sizes that are only evaluated never need them).
     */
    private final class Part {
        final List<INDArray> gradW, gradB;
        final OneDnnStage[] partStages = new OneDnnStage[stages.size()];
        final OneDnnSteps forwardSteps, backwardSteps;
        final INDArray inputGradient;
        final memory input, gradOutput, output;
        boolean backwardBuilt;

        Part(INDArray output, INDArray inputGradient, List<INDArray> gradW, List<INDArray> gradB) {
            this.gradW = gradW;
            this.gradB = gradB;
            this.inputGradient = inputGradient;
            long n = output.size(0);
            stream s = new stream(OneDnn.engine());
            forwardSteps = new OneDnnSteps(s);
            backwardSteps = new OneDnnSteps(s);
            input = OneDnn.unpointed(batchShape(n, shapes[0]), memory.format_tag.nchw);
            gradOutput = OneDnn.unpointed(batchShape(n, shapes[shapes.length - 1]), memory.format_tag.nchw);
            int conv = 0;
            memory at = input;
            for (int i = 0; i < stages.size(); i++) {
                long[] dst = batchShape(n, shapes[i + 1]);
                partStages[i] = stages.get(i) instanceof Conv c
                        ? new OneDnnConv(c, batchShape(n, shapes[i]), dst, gradW.get(conv), gradB.get(conv++))
                        : new OneDnnMaxPool((MaxPool) stages.get(i), dst);
                at = partStages[i].forward(forwardSteps, at);
            }
            this.output = at;
            forwardSteps.copy(at, OneDnn.over(output, batchShape(n, shapes[shapes.length - 1]), memory.format_tag.nchw));
        }

        /** The stages' backward primitives, last stage first, each gradient in the layout of the output it belongs to. */
        private void buildBackward() {
            memory grad = backwardSteps.inLayout(gradOutput, output.get_desc());
            for (int i = stages.size() - 1; i >= 0; i--) {
                grad = partStages[i].backward(backwardSteps, grad, i > 0 || inputGradientNeeded);
            }
            if (inputGradientNeeded) {
                long[] dims = batchShape(inputGradient.size(0), shapes[0]);
                backwardSteps.copy(grad, OneDnn.over(inputGradient, dims, memory.format_tag.nchw));
            }
            backwardBuilt = true;
        }

        void forward(INDArray x) {
            OneDnn.point(input, x);
            forwardSteps.run();
        }

        void backward(INDArray g) {
            if (!backwardBuilt) buildBackward();
            OneDnn.point(gradOutput, g);
            backwardSteps.run();
        }
    }
}
