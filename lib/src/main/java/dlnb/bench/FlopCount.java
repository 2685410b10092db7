package dlnb.bench;

import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Layer;
import dlnb.model.Sequential;

import java.util.List;

/**
 * Floating-point operations per training image of a network, counted from its architecture: the matrix products and
 * convolutions of the forward pass, the weight gradients and the input gradients (one multiply-add = 2 FLOPs).
 * Biases, activations, losses, pooling and the update are element-wise and left out, so the count is the part of the
 * work that could run at the machine's sgemm rate.
 * <pre>
 *   Dense in→out:                         forward 2·in·out
 *   Conv2D k×k, cIn→cOut, output h×w:     forward 2·k·k·cIn·cOut·h·w
 *   training = forward (Y = X·W) + weight gradient (dW = Xᵀ·dY) + input gradient (dX = dY·Wᵀ)
 *            = 3 · forward per layer, minus the input gradient of the first weighted layer (nothing needs it)
 * </pre>
 * E.g. 784-70-30-10: 2·(784·70 + 70·30 + 30·10)·3 - 2·784·70 = 233,920 FLOPs per image.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /** FLOPs of one training image (forward and backward) through the built {@code network}. */
    public static long perTrainingImage(Sequential network) {
        if (!network.isBuilt()) throw new IllegalArgumentException("build the network (give it an input shape) first");
        List<Layer> layers = network.layers();
        long total = 0;
        boolean firstWeighted = true;
        for (int i = 0; i < layers.size(); i++) {
            long forward = forwardFlops(layers.get(i), network.shapeAfter(i - 1), network.shapeAfter(i));
            if (forward == 0) continue;
            total += firstWeighted ? 2 * forward : 3 * forward;
            firstWeighted = false;
        }
        return total;
    }

    /** FLOPs of one image's forward pass through {@code network}. */
    public static long perForwardImage(Sequential network) {
        if (!network.isBuilt()) throw new IllegalArgumentException("build the network (give it an input shape) first");
        long total = 0;
        for (int i = 0; i < network.layers().size(); i++) {
            total += forwardFlops(network.layer(i), network.shapeAfter(i - 1), network.shapeAfter(i));
        }
        return total;
    }

    private static long forwardFlops(Layer layer, long[] in, long[] out) {
        if (layer instanceof Dense d) return 2 * in[0] * d.units();
        if (layer instanceof Conv2D c) {
            long[] w = c.weights().shape(); // [kH, kW, cIn, cOut]
            return 2 * w[0] * w[1] * w[2] * w[3] * out[1] * out[2];
        }
        if (!layer.params().isEmpty()) {
            throw new IllegalArgumentException("FlopCount does not know how to count " + layer.type() + " layers");
        }
        return 0;
    }
}
