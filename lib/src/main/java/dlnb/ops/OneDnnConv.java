package dlnb.ops;

import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * A convolution stage for one part of the batch: z = conv(x, W) + b, then ReLU as the primitive's post-op where the
 * layer has it; backward dz = da ⊙ (a > 0), dW and db from x and dz, and dx from dz and W (Conv2D's file has the sums).
 * oneDNN's direct algorithm throughout: its Winograd backward took 1.28 ms for conv2 where the direct one took 0.75.
 */
final class OneDnnConv implements OneDnnStage {
    private final OneDnnChain.Conv spec;
    private final long[] src, dst, weightDims, biasDims, strides, noPadding = {0, 0};
    private final INDArray gradW, gradB;
    private convolution_forward.primitive_desc forward;
    private memory in, out, weights;

    OneDnnConv(OneDnnChain.Conv spec, long[] src, long[] dst, INDArray gradW, INDArray gradB) {
        this.spec = spec;
        this.src = src;
        this.dst = dst;
        this.gradW = gradW;
        this.gradB = gradB;
        weightDims = spec.weightDims();
        biasDims = new long[]{weightDims[0]};
        strides = new long[]{spec.strideH(), spec.strideW()};
    }

    @Override
    public memory forward(OneDnnSteps steps, memory at) {
        forward = new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training,
                algorithm.convolution_direct, OneDnn.any(src), OneDnn.any(weightDims), OneDnn.desc(biasDims, memory.format_tag.x),
                OneDnn.any(dst), strides, noPadding, noPadding), reluAfter(spec.relu()), OneDnn.engine());
        in = steps.inLayout(at, forward.src_desc());
        weights = OneDnn.over(spec.w(), weightDims, memory.format_tag.hwio);
        out = OneDnn.owned(forward.dst_desc());
        steps.add(new convolution_forward(forward), OneDnn.args(DNNL_ARG_SRC, in,
                DNNL_ARG_WEIGHTS, steps.inLayout(weights, forward.weights_desc()),
                DNNL_ARG_BIAS, OneDnn.over(spec.b(), biasDims, memory.format_tag.x), DNNL_ARG_DST, out));
        return out;
    }

    @Override
    public memory backward(OneDnnSteps steps, memory gradOut, boolean inputGradient) {
        memory dz = spec.relu() ? reluBackward(steps, gradOut) : gradOut;
        convolution_backward_weights.primitive_desc wd = new convolution_backward_weights.primitive_desc(
                new convolution_backward_weights.desc(algorithm.convolution_direct, OneDnn.any(src), OneDnn.any(weightDims),
                        OneDnn.desc(biasDims, memory.format_tag.x), OneDnn.any(dst), strides, noPadding, noPadding),
                OneDnn.engine(), forward);
        memory dW = OneDnn.owned(wd.diff_weights_desc());
        steps.add(new convolution_backward_weights(wd), OneDnn.args(DNNL_ARG_SRC, steps.inLayout(in, wd.src_desc()),
                DNNL_ARG_DIFF_DST, steps.inLayout(dz, wd.diff_dst_desc()), DNNL_ARG_DIFF_WEIGHTS, dW,
                DNNL_ARG_DIFF_BIAS, OneDnn.over(gradB, biasDims, memory.format_tag.x)));
        steps.copy(dW, OneDnn.over(gradW, weightDims, memory.format_tag.hwio));
        if (!inputGradient) return null;
        convolution_backward_data.primitive_desc dd = new convolution_backward_data.primitive_desc(
                new convolution_backward_data.desc(algorithm.convolution_direct, OneDnn.any(src), OneDnn.any(weightDims),
                        OneDnn.any(dst), strides, noPadding, noPadding), OneDnn.engine(), forward);
        memory dx = OneDnn.owned(dd.diff_src_desc());
        steps.add(new convolution_backward_data(dd), OneDnn.args(DNNL_ARG_DIFF_DST, steps.inLayout(dz, dd.diff_dst_desc()),
                DNNL_ARG_WEIGHTS, steps.inLayout(weights, dd.weights_desc()), DNNL_ARG_DIFF_SRC, dx));
        return dx;
    }

    /** A step giving da ⊙ (a > 0) from the ReLU's output a, in a's layout. */
    private memory reluBackward(OneDnnSteps steps, memory da) {
        memory.desc a = out.get_desc();
        eltwise_forward.primitive_desc hint = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                prop_kind.forward_training, algorithm.eltwise_relu_use_dst_for_bwd, a, 0f, 0f), OneDnn.engine());
        eltwise_backward.primitive_desc pd = new eltwise_backward.primitive_desc(new eltwise_backward.desc(
                algorithm.eltwise_relu_use_dst_for_bwd, a, a, 0f, 0f), OneDnn.engine(), hint);
        memory dz = OneDnn.owned(pd.diff_src_desc());
        steps.add(new eltwise_backward(pd), OneDnn.args(DNNL_ARG_DST, out, DNNL_ARG_DIFF_DST, steps.inLayout(da, a),
                DNNL_ARG_DIFF_SRC, dz));
        return dz;
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
}
