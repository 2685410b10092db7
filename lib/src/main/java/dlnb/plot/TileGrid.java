package dlnb.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Paints small grey-scale tiles (digits, convolution kernels) in a grid: each tile min-max scaled on its own,
 * enlarged by {@code scale}, separated by {@code gap} pixels, with an optional caption under each tile.
 * Dark means a high value when {@code darkIsHigh} (ink on paper, for digits), light otherwise (for filters).
 */
public final class TileGrid {
    private final int tileHeight;
    private final int tileWidth;
    private final int columns;
    private int scale = 3;
    private int gap = 4;
    private boolean darkIsHigh = true;
    private String title;

    public TileGrid(int tileHeight, int tileWidth, int columns) {
        if (tileHeight <= 0 || tileWidth <= 0 || columns <= 0) {
            throw new IllegalArgumentException("tile size and columns must be positive, got " + tileHeight + "x"
                    + tileWidth + ", " + columns + " columns");
        }
        this.tileHeight = tileHeight;
        this.tileWidth = tileWidth;
        this.columns = columns;
    }

    public TileGrid scale(int pixelsPerValue) {
        if (pixelsPerValue <= 0) throw new IllegalArgumentException("scale must be positive, got " + pixelsPerValue);
        this.scale = pixelsPerValue;
        return this;
    }

    public TileGrid gap(int pixels) {
        if (pixels < 0) throw new IllegalArgumentException("gap must not be negative, got " + pixels);
        this.gap = pixels;
        return this;
    }

    public TileGrid darkIsHigh(boolean dark) {
        this.darkIsHigh = dark;
        return this;
    }

    public TileGrid title(String text) {
        this.title = text;
        return this;
    }

    /** Paints {@code tiles[i]} (row-major values, tileHeight*tileWidth each) with {@code captions[i]} (or none). */
    public BufferedImage paint(float[][] tiles, String[] captions) {
        if (tiles.length == 0) throw new IllegalArgumentException("no tiles to paint");
        if (captions != null && captions.length != tiles.length) {
            throw new IllegalArgumentException(tiles.length + " tiles but " + captions.length + " captions");
        }
        int rows = (tiles.length + columns - 1) / columns;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(14, tileHeight * scale / 4)));
        int captionHeight = captions == null ? 0 : font.getSize() + 6;
        int titleHeight = title == null ? 0 : font.getSize() + 12;
        int cellW = tileWidth * scale, cellH = tileHeight * scale;
        int width = Math.max(gap + columns * (cellW + gap), title == null ? 0 : textWidth(title, font) + 2 * gap);
        int height = titleHeight + gap + rows * (cellH + captionHeight + gap);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(darkIsHigh ? Color.WHITE : new Color(0x2E5C8A));
            g.fillRect(0, 0, width, height);
            g.setFont(font);
            FontMetrics metrics = g.getFontMetrics();
            if (title != null) {
                g.setColor(darkIsHigh ? Color.BLACK : Color.WHITE);
                g.drawString(title, gap, font.getSize() + 4);
            }
            for (int t = 0; t < tiles.length; t++) {
                if (tiles[t].length != tileHeight * tileWidth) {
                    throw new IllegalArgumentException("tile " + t + " has " + tiles[t].length + " values, expected "
                            + tileHeight + "x" + tileWidth);
                }
                int x0 = gap + (t % columns) * (cellW + gap);
                int y0 = titleHeight + gap + (t / columns) * (cellH + captionHeight + gap);
                paintTile(image, tiles[t], x0, y0);
                if (captions != null && captions[t] != null) {
                    g.setColor(Color.BLACK);
                    int textX = x0 + Math.max(0, (cellW - metrics.stringWidth(captions[t])) / 2);
                    g.drawString(captions[t], textX, y0 + cellH + font.getSize() + 2);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static int textWidth(String text, Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font).stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    private void paintTile(BufferedImage image, float[] values, int x0, int y0) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max - min;
        for (int r = 0; r < tileHeight; r++) {
            for (int c = 0; c < tileWidth; c++) {
                float level = range > 0 ? (values[r * tileWidth + c] - min) / range : 0.5f;
                int grey = Math.round(255 * (darkIsHigh ? 1 - level : level));
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
                    }
                }
            }
        }
    }
}
