package dlnb.plot;

import dlnb.data.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DigitGridTest {
    @Test
    void drawsInkDarkOnWhite() {
        float[] pixels = new float[16];
        pixels[0] = 1f; // top-left pixel of the first image is ink
        Dataset data = new Dataset(Nd4j.create(new float[32], new long[]{2, 16}), new int[]{3, 7}, 10);
        BufferedImage image = new TileGrid(4, 4, 2).scale(1).gap(0).paint(new float[][]{pixels, new float[16]}, null);
        assertEquals(0x000000, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, image.getRGB(1, 0) & 0xFFFFFF);
        BufferedImage grid = DigitGrid.of(data, 1, 2);
        assertNotEquals(0, grid.getWidth());
    }

    @Test
    void refusesNonSquareImagesAndBadIndices() {
        var images = Nd4j.zeros(2, 10);
        assertThrows(IllegalArgumentException.class, () -> DigitGrid.of(images, new int[]{0}, new String[]{"a"}, 1));
        var square = Nd4j.zeros(2, 16);
        assertThrows(IllegalArgumentException.class, () -> DigitGrid.of(square, new int[]{5}, new String[]{"a"}, 1));
    }
}
