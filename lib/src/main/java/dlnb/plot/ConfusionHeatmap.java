package dlnb.plot;

import dlnb.metrics.ConfusionMatrix;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A confusion matrix as a heat map: rows are true classes, columns predicted ones; each cell shows its count,
 * coloured by its share of the row. The diagonal (right answers) is blue, mistakes red, so rare mistakes stand out.
 */
public final class ConfusionHeatmap {
    private static final int CELL = 44;
    private static final int MARGIN = 60;

    private ConfusionHeatmap() {
    }

    public static BufferedImage of(ConfusionMatrix matrix, String title) {
        int n = matrix.classes();
        int[][] counts = matrix.counts();
        int size = MARGIN + n * CELL + 10;
        BufferedImage image = new BufferedImage(size, size + 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 10, 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("predicted →", MARGIN, 40);
            g.drawString("true ↓", 8, 56);
            FontMetrics m = g.getFontMetrics();
            for (int r = 0; r < n; r++) {
                long rowTotal = 0;
                for (int c = 0; c < n; c++) rowTotal += counts[r][c];
                g.setColor(Color.BLACK);
                g.drawString(String.valueOf(r), MARGIN - 16, 24 + MARGIN + r * CELL + CELL / 2 + 4);
                g.drawString(String.valueOf(r), MARGIN + r * CELL + CELL / 2 - 4, 24 + MARGIN - 6);
                for (int c = 0; c < n; c++) {
                    double share = rowTotal == 0 ? 0 : (double) counts[r][c] / rowTotal;
                    g.setColor(cellColour(share, r == c));
                    int x = MARGIN + c * CELL, y = 24 + MARGIN + r * CELL;
                    g.fillRect(x, y, CELL - 1, CELL - 1);
                    g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                    String text = String.valueOf(counts[r][c]);
                    g.drawString(text, x + (CELL - m.stringWidth(text)) / 2, y + CELL / 2 + 4);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Color cellColour(double share, boolean diagonal) {
        // Mistakes are rare: a square root stretches small shares so a 2% confusion is visibly tinted.
        float level = (float) Math.sqrt(Math.min(1, diagonal ? share : share * 4));
        return diagonal ? blend(new Color(0xF4F8FC), new Color(0x1F4E8C), level) : blend(Color.WHITE, new Color(0xC0392B), level);
    }

    private static Color blend(Color from, Color to, float t) {
        return new Color(Math.round(from.getRed() + (to.getRed() - from.getRed()) * t),
                Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * t),
                Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * t));
    }
}
