package dlnb.ops;

import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

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
    /** One step of the chain. */
    public sealed interface Stage permits Conv, MaxPool {
    }

    /** A convolution without padding: weights [kH, kW, channelsIn, filters] (oneDNN's hwio), bias [filters]. */
    public record Conv(INDArray w, INDArray b, int strideH, int strideW, boolean relu) implements Stage {
        long[] weightDims() {
            return new long[]{w.size(3), w.size(2), w.size(0), w.size(1)};
        }

        long[] outputShape(long[] in) {
            return new long[]{w.size(3), (in[1] - w.size(0)) / strideH + 1, (in[2] - w.size(1)) / strideW + 1};
        }
    }

    /** A max-pooling without padding. */
    public record MaxPool(int height, int width, int strideH, int strideW) implements Stage {
        long[] outputShape(long[] in) {
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
        for (int i = 0; i < stages.size(); i++) {
            shapes[i + 1] = stages.get(i) instanceof Conv c ? c.outputShape(shapes[i]) : ((MaxPool) stages.get(i)).outputShape(shapes[i]);
        }
    }

    public static boolean usable() {
        return OneDnn.usable();
    }

    /** [channels, height, width] of the chain's output. */
    public long[] outputShape() {
        return shapes[shapes.length - 1].clone();
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
            List<List<INDArray>> partW = new ArrayList<>(), partB = new ArrayList<>();
            for (int k = 0; k < parts.length; k++) {
                partW.add(new ArrayList<>());
                partB.add(new ArrayList<>());
                for (int j = 0; j < gradW.size(); j++) {
                    partW.get(k).add(k == 0 ? gradW.get(j) : gradW.get(j).ulike());
                    partB.get(k).add(k == 0 ? gradB.get(j) : gradB.get(j).ulike());
                }
            }
            // Each part's primitives are made on the thread that will run them: oneDNN fixes a primitive's thread
            // count when it makes it (two-thread primitives run by each of two threads fought over the cores:
            // conv2's weight gradient took 4.2 ms a part instead of 0.8).
            split.run(k -> {
                INDArray out = split.part(output, k);
                parts[k] = new Part(out.size(0), out, inputGradient == null ? null : split.part(inputGradient, k), partW.get(k), partB.get(k));
            });
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

    private static long[] batchShape(long batch, long[] example) {
        return new long[]{batch, example[0], example[1], example[2]};
    }

    /** One part of the batch: its primitives both ways, on its own stream. */
    private final class Part {
        final OneDnnSteps forwardSteps, backwardSteps;
        final memory input, gradOutput;
        final List<INDArray> gradW, gradB;

        Part(long n, INDArray output, INDArray inputGradient, List<INDArray> gradW, List<INDArray> gradB) {
            this.gradW = gradW;
            this.gradB = gradB;
            stream s = new stream(OneDnn.engine());
            forwardSteps = new OneDnnSteps(s);
            backwardSteps = new OneDnnSteps(s);
            input = OneDnn.over(output, dims(n, shapes[0]), memory.format_tag.nchw); // pointed at each batch's part
            gradOutput = OneDnn.over(output, dims(n, shapes[shapes.length - 1]), memory.format_tag.nchw);

            // forward: each stage reads the previous one's output in the layout that one chose
            memory[] in = new memory[stages.size()], out = new memory[stages.size()];
            Object[] forwardPd = new Object[stages.size()];
            memory[] workspace = new memory[stages.size()], weights = new memory[stages.size()];
            memory at = input;
            for (int i = 0; i < stages.size(); i++) {
                long[] src = dims(n, shapes[i]), dst = dims(n, shapes[i + 1]);
                if (stages.get(i) instanceof Conv c) {
                    convolution_forward.primitive_desc pd = new convolution_forward.primitive_desc(
                            new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct,
                                    OneDnn.any(src), OneDnn.any(c.weightDims()), OneDnn.desc(new long[]{c.weightDims()[0]}, memory.format_tag.x),
                                    OneDnn.any(dst), new long[]{c.strideH(), c.strideW()}, new long[]{0, 0}, new long[]{0, 0}),
                            reluAfter(c.relu()), OneDnn.engine());
                    in[i] = forwardSteps.inLayout(at, pd.src_desc());
                    weights[i] = OneDnn.over(c.w(), c.weightDims(), memory.format_tag.hwio);
                    memory w = forwardSteps.inLayout(weights[i], pd.weights_desc());
                    out[i] = OneDnn.owned(pd.dst_desc());
                    forwardSteps.add(new convolution_forward(pd), OneDnn.args(DNNL_ARG_SRC, in[i], DNNL_ARG_WEIGHTS, w,
                            DNNL_ARG_BIAS, OneDnn.over(c.b(), new long[]{c.b().length()}, memory.format_tag.x), DNNL_ARG_DST, out[i]));
                    forwardPd[i] = pd;
                } else {
                    MaxPool p = (MaxPool) stages.get(i);
                    in[i] = at;
                    pooling_forward.primitive_desc pd = new pooling_forward.primitive_desc(new pooling_forward.desc(
                            prop_kind.forward_training, algorithm.pooling_max, at.get_desc(), OneDnn.any(dst),
                            new long[]{p.strideH(), p.strideW()}, new long[]{p.height(), p.width()}, new long[]{0, 0}, new long[]{0, 0}),
                            OneDnn.engine());
                    out[i] = OneDnn.owned(pd.dst_desc());
                    workspace[i] = OneDnn.owned(pd.workspace_desc());
                    forwardSteps.add(new pooling_forward(pd), OneDnn.args(DNNL_ARG_SRC, at, DNNL_ARG_DST, out[i], DNNL_ARG_WORKSPACE, workspace[i]));
                    forwardPd[i] = pd;
                }
                at = out[i];
            }
            forwardSteps.copy(at, OneDnn.over(output, dims(n, shapes[shapes.length - 1]), memory.format_tag.nchw));

            // backward: the same stages in reverse, each gradient in the layout of the output it belongs to
            memory grad = backwardSteps.inLayout(gradOutput, out[stages.size() - 1].get_desc());
            int conv = gradW.size();
            for (int i = stages.size() - 1; i >= 0; i--) {
                boolean needsDx = i > 0 || inputGradientNeeded;
                if (stages.get(i) instanceof Conv c) {
                    conv--;
                    convolution_forward.primitive_desc pd = (convolution_forward.primitive_desc) forwardPd[i];
                    memory dz = c.relu() ? reluBackward(out[i], grad) : grad;             // dz = da ⊙ (a > 0)
                    convolution_backward_weights.primitive_desc wd = new convolution_backward_weights.primitive_desc(
                            new convolution_backward_weights.desc(algorithm.convolution_direct, OneDnn.any(dims(n, shapes[i])),
                                    OneDnn.any(c.weightDims()), OneDnn.desc(new long[]{c.weightDims()[0]}, memory.format_tag.x),
                                    OneDnn.any(dims(n, shapes[i + 1])), new long[]{c.strideH(), c.strideW()}, new long[]{0, 0}, new long[]{0, 0}),
                            OneDnn.engine(), pd);
                    memory dW = OneDnn.owned(wd.diff_weights_desc());
                    backwardSteps.add(new convolution_backward_weights(wd), OneDnn.args(DNNL_ARG_SRC, backwardSteps.inLayout(in[i], wd.src_desc()),
                            DNNL_ARG_DIFF_DST, backwardSteps.inLayout(dz, wd.diff_dst_desc()), DNNL_ARG_DIFF_WEIGHTS, dW,
                            DNNL_ARG_DIFF_BIAS, OneDnn.over(gradB.get(conv), new long[]{c.b().length()}, memory.format_tag.x)));
                    backwardSteps.copy(dW, OneDnn.over(gradW.get(conv), c.weightDims(), memory.format_tag.hwio));
                    if (needsDx) {
                        convolution_backward_data.primitive_desc dd = new convolution_backward_data.primitive_desc(
                                new convolution_backward_data.desc(algorithm.convolution_direct, OneDnn.any(dims(n, shapes[i])),
                                        OneDnn.any(c.weightDims()), OneDnn.any(dims(n, shapes[i + 1])),
                                        new long[]{c.strideH(), c.strideW()}, new long[]{0, 0}, new long[]{0, 0}),
                                OneDnn.engine(), pd);
                        memory dx = OneDnn.owned(dd.diff_src_desc());
                        backwardSteps.add(new convolution_backward_data(dd), OneDnn.args(DNNL_ARG_DIFF_DST, backwardSteps.inLayout(dz, dd.diff_dst_desc()),
                                DNNL_ARG_WEIGHTS, backwardSteps.inLayout(weights[i], dd.weights_desc()), DNNL_ARG_DIFF_SRC, dx));
                        grad = dx;
                    }
                } else {
                    MaxPool p = (MaxPool) stages.get(i);
                    pooling_forward.primitive_desc pd = (pooling_forward.primitive_desc) forwardPd[i];
                    pooling_backward.primitive_desc bd = new pooling_backward.primitive_desc(new pooling_backward.desc(
                            algorithm.pooling_max, in[i].get_desc(), pd.dst_desc(), new long[]{p.strideH(), p.strideW()},
                            new long[]{p.height(), p.width()}, new long[]{0, 0}, new long[]{0, 0}), OneDnn.engine(), pd);
                    memory dx = OneDnn.owned(bd.diff_src_desc());
                    backwardSteps.add(new pooling_backward(bd), OneDnn.args(DNNL_ARG_DIFF_DST, backwardSteps.inLayout(grad, bd.diff_dst_desc()),
                            DNNL_ARG_DIFF_SRC, dx, DNNL_ARG_WORKSPACE, workspace[i]));
                    grad = dx;
                }
            }
            if (inputGradientNeeded) {
                backwardSteps.copy(grad, OneDnn.over(inputGradient, dims(n, shapes[0]), memory.format_tag.nchw));
            }
        }

        /** A step giving da ⊙ (a > 0) from a ReLU's output a, in a's layout. */
        private memory reluBackward(memory a, memory da) {
            eltwise_forward.primitive_desc hint = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                    prop_kind.forward_training, algorithm.eltwise_relu_use_dst_for_bwd, a.get_desc(), 0f, 0f), OneDnn.engine());
            eltwise_backward.primitive_desc pd = new eltwise_backward.primitive_desc(new eltwise_backward.desc(
                    algorithm.eltwise_relu_use_dst_for_bwd, a.get_desc(), a.get_desc(), 0f, 0f), OneDnn.engine(), hint);
            memory dz = OneDnn.owned(pd.diff_src_desc());
            backwardSteps.add(new eltwise_backward(pd), OneDnn.args(DNNL_ARG_DST, a,
                    DNNL_ARG_DIFF_DST, backwardSteps.inLayout(da, a.get_desc()), DNNL_ARG_DIFF_SRC, dz));
            return dz;
        }

        void forward(INDArray x) {
            OneDnn.point(input, x);
            forwardSteps.run();
        }

        void backward(INDArray g) {
            OneDnn.point(gradOutput, g);
            backwardSteps.run();
        }
    }

    private static primitive_attr reluAfter(boolean relu) {
        primitive_attr attr = new primitive_attr();
        if (relu) {
            post_ops ops = new post_ops();
            ops.append_eltwise(1f, algorithm.eltwise_relu, 0f, 0f);
            attr.set_post_ops(ops);
        }
        return attr;
    }

    private static long[] dims(long n, long[] example) {
        return batchShape(n, example);
    }
}
