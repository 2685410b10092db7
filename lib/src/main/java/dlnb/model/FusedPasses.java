package dlnb.model;

import dlnb.nn.ConvChain;
import dlnb.nn.FusedHead;
import dlnb.nn.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The passes a model runs in place of several of its layers, where it has them: the fused first layers
 * ({@link FusedHead}) and chains of convolutions and poolings in oneDNN ({@link ConvChain}); and which of them the
 * last forward pass took, so that the backward pass takes the same.
 */
final class FusedPasses {
    private final FusedHead head;
    private final ConvChain[] chainAt, chainEndingAt;
    private boolean headRan;
    private final boolean[] chainRan;

    FusedPasses(List<Layer> layers, long[][] shapes) {
        head = FusedHead.of(layers, shapes[0]);
        chainAt = new ConvChain[layers.size()];
        chainEndingAt = new ConvChain[layers.size()];
        chainRan = new boolean[layers.size()];
        for (ConvChain c : ConvChain.of(layers, shapes, head == null ? 0 : head.size())) {
            chainAt[c.start()] = c;
            chainEndingAt[c.start() + c.size() - 1] = c;
        }
    }

    INDArray forward(List<Layer> layers, INDArray x, boolean training) {
        headRan = head != null && head.takes(x);
        INDArray a = headRan ? head.forward(x) : x;
        Arrays.fill(chainRan, false);
        for (int i = headRan ? head.size() : 0; i < layers.size(); ) {
            ConvChain c = chainAt[i];
            if (c != null && c.takes(a)) {
                a = c.forward(a);
                chainRan[i] = true;
                i += c.size();
            } else {
                a = layers.get(i++).forward(a, training);
            }
        }
        return a;
    }

    /** The layers as a training step runs them when every fused pass takes its input: each fused pass as one. */
    List<LayerPass> passes(List<Layer> layers) {
        List<LayerPass> passes = new ArrayList<>();
        int i = 0;
        if (head != null) {
            passes.add(new LayerPass(names(layers, 0, head.size()) + ", fused", head::forward, g -> {
                head.backward(g);
                return null;
            }));
            i = head.size();
        }
        while (i < layers.size()) {
            ConvChain c = chainAt[i];
            if (c != null) {
                passes.add(new LayerPass(names(layers, i, c.size()) + ", one oneDNN chain", c::forward, c::backward));
                i += c.size();
            } else {
                Layer l = layers.get(i++);
                passes.add(new LayerPass(l.toString(), a -> l.forward(a, true), l::backward));
            }
        }
        return passes;
    }

    private static String names(List<Layer> layers, int first, int count) {
        return layers.subList(first, first + count).stream().map(Object::toString).collect(Collectors.joining(" + "));
    }

    /** Whether the last forward pass ran the chain that starts at layer {@code start}. */
    boolean chainRan(int start) {
        return chainRan[start];
    }

    /** Back-propagates {@code grad}, the gradient of layer {@code layerIndex}'s input, through the layers before it. */
    void backwardFrom(List<Layer> layers, int layerIndex, INDArray grad) {
        int first = headRan ? head.size() : 0;
        for (int i = layerIndex - 1; i >= first; ) {
            ConvChain c = chainEndingAt[i];
            if (c != null && chainRan[c.start()]) {
                grad = c.backward(grad);
                i = c.start() - 1;
            } else {
                grad = layers.get(i--).backward(grad);
            }
        }
        if (headRan) head.backward(grad);
    }
}
