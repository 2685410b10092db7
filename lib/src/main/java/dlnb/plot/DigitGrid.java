package dlnb.plot;

import dlnb.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;

/** A grid of MNIST digits with a caption under each: their labels, or anything else (e.g. "7 → 1"). */
public final class DigitGrid {
    private DigitGrid() {
    }

    /** The first rows*columns digits of {@code data}, each captioned with its label. */
    public static BufferedImage of(Dataset data, int rows, int columns) {
        int n = Math.min(rows * columns, data.size());
        int[] indices = new int[n];
        String[] captions = new String[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
            captions[i] = String.valueOf(data.label(i));
        }
        return of(data.features(), indices, captions, columns);
    }

    /** The digits at {@code indices} of {@code images} ([n, 784] or [n, 1, 28, 28]), with one caption each. */
    public static BufferedImage of(INDArray images, int[] indices, String[] captions, int columns) {
        if (indices.length == 0) throw new IllegalArgumentException("no digits to draw");
        long pixels = images.length() / images.size(0);
        int side = (int) Math.round(Math.sqrt(pixels));
        if ((long) side * side != pixels) {
            throw new IllegalArgumentException("each image must be square, got " + pixels + " values per row");
        }
        float[][] tiles = new float[indices.length][];
        INDArray rows = images.reshape(images.size(0), pixels);
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= images.size(0)) {
                throw new IllegalArgumentException("index " + indices[i] + " is outside 0.." + (images.size(0) - 1));
            }
            tiles[i] = rows.getRow(indices[i]).toFloatVector();
        }
        return new TileGrid(side, side, Math.min(columns, indices.length)).paint(tiles, captions);
    }
}
