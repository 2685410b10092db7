package dlnb.nn;

import dlnb.ops.BatchCache;
import dlnb.ops.BatchSplit;
import dlnb.ops.Simd;
import dlnb.ops.SingleChannelConv;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * A 2-D convolution: each of {@code filters} small kernels slides over the input and gives one output map.
 * <pre>
 * forward, for x [batch, channelsIn, h, w] (NCHW) and W [kH, kW, channelsIn, filters], b [filters]:
 *   z[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q x[n, c, i·s + p, j·s + q] · W[p, q, c, f]
 *   a = f(z)                      the activation, in place (see Activation)
 * backward, given da:
 *   dz = da ⊙ f'(a)               f' from the stored output a
 *   dW[p, q, c, f] = Σ_n Σ_i Σ_j dz[n, f, i, j] · x[n, c, i·s + p, j·s + q]
 *   db[f] = Σ_n Σ_i Σ_j dz[n, f, i, j]
 *   dx[n, c, y, x'] = Σ over every (f, p, q) whose window covers (y, x') of dz[n, f, i, j] · W[p, q, c, f]
 * </pre>
 * The sums run in ND4J's native conv2d and conv2d_bp ops (oneDNN where available), except for a first layer over
 * one-channel images, whose few products per output run as direct Vector API passes ({@link SingleChannelConv}); the
 * test suite checks both against the same sums written with plain ND4J calls. Such a first layer with a 3×3 kernel
 * and ReLU, followed by a 2×2 MaxPool2D, is run by the model together with the pooling as one pass ({@link FusedHead}).
 * On several cores ND4J's ops run on parts of the batch at once, one core each ({@link BatchSplit}); dW and db, sums
 * over the batch, are then each part's sums added up. Where oneDNN loads, a float32 model runs this layer (without
 * padding, with ReLU or no activation, over more than one channel or after other layers, and not last) together
 * with its neighbouring convolutions and max-poolings as one chain in oneDNN ({@link ConvChain}).
 */
public class Conv2D extends WeightedLayer {
    private final int filters;
    private final Window window;
    private Param w, b;
    private final BatchCache<Buffers> buffers = new BatchCache<>();
    private INDArray lastInput;

    public Conv2D(int filters, int kernel) {
        this(filters, kernel, Activation.IDENTITY);
    }

    public Conv2D(int filters, int kernel, Activation activation) {
        this(filters, kernel, kernel, 1, Padding.VALID, activation, Initializer.GLOROT_UNIFORM);
    }

    public Conv2D(int filters, int kernelH, int kernelW, int stride, Padding padding, Activation activation,
                  Initializer initializer) {
        super(activation, initializer);
        if (filters <= 0) throw new IllegalArgumentException("Conv2D needs a positive number of filters, got " + filters);
        this.filters = filters;
        this.window = new Window(kernelH, kernelW, stride, stride, padding);
    }

    /** Settings: filters, kernel (or kernel_h and kernel_w), stride (1), padding (valid), activation, initializer. */
    public Conv2D(LayerConfig c) {
        this(c.intValue("filters"), c.has("kernel") ? c.intValue("kernel") : c.intValue("kernel_h"),
                c.has("kernel") ? c.intValue("kernel") : c.intValue("kernel_w"), c.intValue("stride", 1), c.padding(),
                c.activation(), c.initializer(Initializer.GLOROT_UNIFORM));
    }

    @Override
    protected Object[] settings() {
        return window.height() == window.width()
                ? new Object[]{"filters", filters, "kernel", window.height(), "stride", window.strideH(),
                        "padding", window.padding().name().toLowerCase(), "activation", activation.toString(), "initializer", initializer.name()}
                : new Object[]{"filters", filters, "kernel_h", window.height(), "kernel_w", window.width(), "stride", window.strideH(),
                        "padding", window.padding().name().toLowerCase(), "activation", activation.toString(), "initializer", initializer.name()};
    }

    public int filters() {
        return filters;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return window.outputShape(name(), inputShape, filters);
    }

    @Override
    public List<ParamSpec> paramSpecs(long[] inputShape) {
        outputShape(inputShape);
        long channels = inputShape[0];
        long area = (long) window.height() * window.width();
        return List.of(
                ParamSpec.weight("W", new long[]{window.height(), window.width(), channels, filters}, initializer,
                        area * channels, area * filters),
                ParamSpec.unpenalized("b", new long[]{filters}, Initializer.ZEROS));
    }

    @Override
    public void build(long[] inputShape, List<Param> params) {
        super.build(inputShape, params);
        w = params.get(0);
        b = params.get(1);
        buffers.clear();
    }

    Window window() {
        return window;
    }

    /** The weights [kernelH, kernelW, channelsIn, filters], e.g. for drawing the filters. */
    public INDArray weights() {
        return w.value();
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        checkInput(x);
        Buffers buf = buffers.get(x.size(0), this::allocate);
        if (buf.direct != null && SingleChannelConv.fits(1, false, x, w.value())) {
            buf.direct.forward(x);
        } else {
            INDArray[] xs = buf.inputs.of(x);
            buf.split.run(k -> {
                buf.conv[k].setInputArgument(0, xs[k]);
                Nd4j.exec(buf.conv[k]);
            });
            buf.output.activate();
        }
        lastInput = x;
        return buf.output.out;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        checkGradient(gradOut);
        Buffers buf = buffers.get(gradOut.size(0), this::allocate);
        if (!inputGradientNeeded && buf.direct != null && SingleChannelConv.fits(1, false, lastInput, w.value(), gradOut)) {
            buf.direct.backwardFromOutputGradient(lastInput, gradOut);   // dz = da ⊙ f'(a) formed in the same pass
            return null;
        }
        return backwardFromPreActivation(buf.output.gradZ(gradOut)); // dz = da ⊙ f'(a)
    }

    @Override
    public INDArray backwardFromPreActivation(INDArray gradZ) {
        Buffers buf = buffers.get(gradZ.size(0), this::allocate);
        if (!inputGradientNeeded && buf.direct != null && SingleChannelConv.fits(1, false, lastInput, w.value(), gradZ)) {
            buf.direct.backward(lastInput, gradZ);
            return null;
        }
        INDArray[] xs = buf.inputs.of(lastInput), gs = buf.gradients.of(gradZ);
        buf.split.run(k -> {
            buf.convBackward[k].setInputArgument(0, xs[k]);
            buf.convBackward[k].setInputArgument(3, gs[k]);
            Nd4j.exec(buf.convBackward[k]);
        });
        for (int k = 1; k < buf.split.count(); k++) {
            w.grad().addi(buf.partGradW[k]);
            b.grad().addi(buf.partGradB[k]);
        }
        return inputGradientNeeded ? buf.dx : null;
    }

    private Buffers allocate(long batch) {
        return new Buffers(batch);
    }

    private final class Buffers {
        final Activated output;
        final INDArray dx;
        /** The batch's parts; per part, its conv2d and conv2d_bp ops and its dW and db (part 0's are the layer's own). */
        final BatchSplit split;
        final BatchSplit.Views inputs, gradients;
        final DynamicCustomOp[] conv, convBackward;
        final INDArray[] partGradW, partGradB;
        /** The direct passes for one-channel images, or null where they do not apply. */
        final SingleChannelConv direct;

        Buffers(long batch) {
            long[] o = outputShape(inputShape);
            output = new Activated(Nd4j.createUninitialized(w.value().dataType(), batch, o[0], o[1], o[2]));
            dx = Nd4j.createUninitialized(w.value().dataType(), batch, inputShape[0], inputShape[1], inputShape[2]);
            int[] args = args();
            split = BatchSplit.of(batch);
            inputs = split.views();
            gradients = split.views();
            int parts = split.count();
            conv = new DynamicCustomOp[parts];
            convBackward = new DynamicCustomOp[parts];
            partGradW = new INDArray[parts];
            partGradB = new INDArray[parts];
            for (int k = 0; k < parts; k++) {
                INDArray out = split.part(output.out, k), partDx = split.part(dx, k);
                partGradW[k] = k == 0 ? w.grad() : w.grad().ulike();
                partGradB[k] = k == 0 ? b.grad() : b.grad().ulike();
                // Inputs that change from batch to batch (the batch itself, the incoming gradient) are set before each call.
                conv[k] = DynamicCustomOp.builder("conv2d").addInputs(partDx, w.value(), b.value()).addOutputs(out)
                        .addIntegerArguments(args).build();
                convBackward[k] = DynamicCustomOp.builder("conv2d_bp").addInputs(partDx, w.value(), b.value(), out)
                        .addOutputs(partDx, partGradW[k], partGradB[k]).addIntegerArguments(args).build();
            }
            // Simd.enabled() first: without the Vector API module, SingleChannelConv's class cannot even be loaded.
            boolean fits = Simd.enabled() && activation.pointwise() != null && SingleChannelConv.handles(activation.pointwise())
                    && window.strideW() == window.strideH()
                    && SingleChannelConv.fits(window.strideH(), window.padding() == Padding.SAME, dx, w.value(), b.value(),
                    w.grad(), b.grad(), output.out);
            direct = fits ? new SingleChannelConv(batch, inputShape[1], inputShape[2], w.value(), b.value(),
                    activation.pointwise(), output.out, w.grad(), b.grad()) : null;
        }
    }

    private int[] args() {
        int[] base = window.nd4jArgs();
        int[] args = new int[base.length + 2];
        System.arraycopy(base, 0, args, 0, base.length);
        args[base.length] = 0;     // data format NCHW
        args[base.length + 1] = 0; // weights [kH, kW, iC, oC]
        return args;
    }
}
