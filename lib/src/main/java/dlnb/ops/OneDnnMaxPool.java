package dlnb.ops;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * A max-pooling stage for one part of the batch: each window's largest value; backward, the gradient goes to where
 * that maximum was, which the forward primitive notes in its workspace (MaxPool2D's file has the maths).
 */
final class OneDnnMaxPool implements OneDnnStage {
    private final OneDnnChain.MaxPool spec;
    private final long[] dst, strides, window, noPadding = {0, 0};
    private pooling_forward.primitive_desc forward;
    private memory in, workspace;

    OneDnnMaxPool(OneDnnChain.MaxPool spec, long[] dst) {
        this.spec = spec;
        this.dst = dst;
        strides = new long[]{spec.strideH(), spec.strideW()};
        window = new long[]{spec.height(), spec.width()};
    }

    @Override
    public memory forward(OneDnnSteps steps, memory at) {
        in = at;
        forward = new pooling_forward.primitive_desc(new pooling_forward.desc(prop_kind.forward_training, algorithm.pooling_max,
                at.get_desc(), OneDnn.any(dst), strides, window, noPadding, noPadding), OneDnn.engine());
        memory out = OneDnn.owned(forward.dst_desc());
        workspace = OneDnn.owned(forward.workspace_desc());
        steps.add(new pooling_forward(forward), OneDnn.args(DNNL_ARG_SRC, at, DNNL_ARG_DST, out, DNNL_ARG_WORKSPACE, workspace));
        return out;
    }

    @Override
    public memory backward(OneDnnSteps steps, memory gradOut, boolean inputGradient) {
        if (!inputGradient) return null;
        pooling_backward.primitive_desc pd = new pooling_backward.primitive_desc(new pooling_backward.desc(algorithm.pooling_max,
                in.get_desc(), forward.dst_desc(), strides, window, noPadding, noPadding), OneDnn.engine(), forward);
        memory dx = OneDnn.owned(pd.diff_src_desc());
        steps.add(new pooling_backward(pd), OneDnn.args(DNNL_ARG_DIFF_DST, steps.inLayout(gradOut, pd.diff_dst_desc()),
                DNNL_ARG_DIFF_SRC, dx, DNNL_ARG_WORKSPACE, workspace));
        return dx;
    }
}
