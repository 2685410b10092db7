package dlnb.plot;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;

/**
 * Convolution kernels laid out as PuzzleLib's showFilters draws them: one row per output map, one column per input
 * channel, each kernel min-max scaled on its own (light = high weight), with small gaps between kernels.
 */
public final class FilterGrid {
    private FilterGrid() {
    }

    /** {@code weights}: a Conv2D layer's [kernelH, kernelW, channelsIn, filters] array. */
    public static BufferedImage of(INDArray weights, String title) {
        if (weights.rank() != 4) {
            throw new IllegalArgumentException("expected convolution weights [kH, kW, channelsIn, filters], got rank " + weights.rank());
        }
        int kh = (int) weights.size(0), kw = (int) weights.size(1), in = (int) weights.size(2), out = (int) weights.size(3);
        float[][] tiles = new float[out * in][kh * kw];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) tiles[o * in + i][y * kw + x] = weights.getFloat(y, x, i, o);
                }
            }
        }
        int scale = Math.max(2, Math.min(12, 480 / Math.max(1, in * kw)));
        return new TileGrid(kh, kw, in).scale(scale).gap(Math.max(2, scale / 2)).darkIsHigh(false).title(title).paint(tiles, null);
    }
}
