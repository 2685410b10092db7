package dlnb.plot;

import dlnb.metrics.ConfusionMatrix;
import dlnb.model.EpochLogs;
import dlnb.model.History;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {
    private static History twoEpochs(boolean validation) {
        double v = validation ? 0.3 : Double.NaN;
        return History.of(List.of(new EpochLogs(1, 0.5, 0.8, v, v, 1, 100, 0.1), new EpochLogs(2, 0.4, 0.9, v, v, 1, 100, 0.1)));
    }

    @Test
    void historyChartsHaveTrainAndValidationSeries() {
        XYChart loss = Charts.loss(twoEpochs(true));
        assertEquals(2, loss.getSeriesMap().size());
        assertEquals(1, Charts.accuracy(twoEpochs(false)).getSeriesMap().size());
        BufferedImage both = Charts.history(twoEpochs(true));
        assertEquals(2 * Charts.WIDTH, both.getWidth());
        assertThrows(IllegalArgumentException.class, () -> Charts.loss(History.of(List.of())));
    }

    @Test
    void manyLinesGetTheirLegendBesideThePlotAndLongSeriesRoundTicks() {
        double[] epochs = java.util.stream.IntStream.rangeClosed(1, 800).asDoubleStream().toArray();
        var series = new java.util.LinkedHashMap<String, double[]>();
        for (int i = 0; i < 5; i++) series.put("run " + i, epochs.clone());
        XYChart many = Charts.lines("t", "epoch", "y", epochs, series);
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE, many.getStyler().getLegendPosition());
        // not equally spaced with the data any more, so XChart picks round ticks instead of every k-th epoch
        assertEquals(0.5, many.getStyler().getXAxisMin());

        XYChart two = Charts.lines("t", "x", "y", new double[]{1, 2}, Map.of("a", new double[]{1, 2}, "b", new double[]{2, 3}));
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.InsideNE, two.getStyler().getLegendPosition());
        assertEquals(null, two.getStyler().getXAxisMin());
    }

    @Test
    void referenceLineSpansTheDataAndIsDashed() {
        XYChart chart = Charts.lines("t", "epoch", "accuracy", Map.of("run", new double[][]{{1, 2, 3, 4, 5}, {0.97, 0.98, 0.985, 0.99, 0.991}}));
        Charts.referenceLine(chart, "article", 0.99);
        var line = chart.getSeriesMap().get("article");
        assertEquals(1, line.getXMin());
        assertEquals(5, line.getXMax());
        assertEquals(0.99, line.getYMin());
        assertEquals(0.99, line.getYMax());
        assertEquals(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH, line.getLineStyle());
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.InsideNE, chart.getStyler().getLegendPosition());
        assertThrows(IllegalArgumentException.class, () -> Charts.referenceLine(Charts.xy("t", "x", "y"), "a", 1));
    }

    @Test
    void barsPutALongLegendBesideThePlotSoNoNameIsCutOff() {
        var many = new java.util.LinkedHashMap<String, double[]>();
        for (String name : List.of("article CPU (i7-6700K)", "article GPU (GTX 980 Ti)", "ours, CPU, 1 thread",
                "ours, CPU, every pool on 2 threads", "ours, CPU, tuned (2 cores)")) many.put(name, new double[]{1, 2});
        var wide = Charts.bars("t", "x", "y", List.of("a", "b"), many);
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE, wide.getStyler().getLegendPosition());
        assertTrue(wide.getWidth() > Charts.WIDTH * 4 / 3, "the picture widens to hold the legend");
        var few = Charts.bars("t", "x", "y", List.of("a", "b"), Map.of("train", new double[]{1, 2}, "test", new double[]{1, 2}));
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideS, few.getStyler().getLegendPosition());
    }

    @Test
    void barsCheckTheirSeriesLengths() {
        assertEquals(2, Charts.bars("t", "x", "y", List.of("a", "b"), Map.of("s", new double[]{1, 2})).getSeriesMap().get("s").getXData().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.stackedBars("t", "x", "y", List.of("a", "b"), Map.of("s", new double[]{1})));
        assertTrue(e.getMessage().contains("s has 1 values for 2 categories"), e.getMessage());
    }

    @Test
    void filterGridHasARowPerFilterAndAColumnPerChannel() {
        INDArray w = Nd4j.create(DataType.FLOAT, 3, 3, 2, 4);
        for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) w.putScalar(new int[]{y, x, 1, 2}, y * 3 + x);
        BufferedImage img = FilterGrid.of(w, "f");
        assertTrue(img.getHeight() > img.getWidth(), "4 rows of 2 columns should be taller than wide");
        // Filter 2, channel 1: its top-left weight is its minimum (black), bottom-right its maximum (white).
        int scale = 12, gap = 6, title = img.getHeight() - (gap + 4 * (3 * scale + gap));
        int x0 = gap + (3 * scale + gap), y0 = title + gap + 2 * (3 * scale + gap);
        assertEquals(0x000000, img.getRGB(x0 + 1, y0 + 1) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(x0 + 3 * scale - 2, y0 + 3 * scale - 2) & 0xFFFFFF);
        assertThrows(IllegalArgumentException.class, () -> FilterGrid.of(Nd4j.zeros(3, 3), "flat"));
    }

    @Test
    void confusionHeatmapDrawsEveryClass() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[]{0, 1, 2, 2}, new int[]{0, 1, 2, 1}, 3);
        assertEquals(0.75, m.accuracy(), 1e-12);
        assertEquals(List.of("1 → 2: 1"), m.mostConfused(5));
        BufferedImage img = ConfusionHeatmap.of(m, "test");
        assertTrue(img.getWidth() > 3 * 40);
        assertEquals(3, m.table().rowCount());
    }
}
