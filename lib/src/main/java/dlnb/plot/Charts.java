package dlnb.plot;

import dlnb.model.History;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The charts the notebooks draw, as XChart charts (show them with {@link Display#show}, save them with
 * {@link Images#savePng}): training curves, several series on shared axes (with dashed reference levels), grouped or
 * stacked bars.
 */
public final class Charts {
    static final int WIDTH = 560;
    static final int HEIGHT = 360;
    /** About the width of one character of a legend entry in XChart's default font. */
    private static final int LEGEND_CHAR_PIXELS = 7;

    private Charts() {
    }

    /** Training and validation loss per epoch. */
    public static XYChart loss(History history) {
        return trainVersusValidation(history, "loss", "Loss per epoch", "loss");
    }

    /** Training and validation accuracy per epoch. */
    public static XYChart accuracy(History history) {
        XYChart chart = trainVersusValidation(history, "accuracy", "Accuracy per epoch", "accuracy");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return chart;
    }

    /** Loss and accuracy side by side, one picture. */
    public static BufferedImage history(History history) {
        return sideBySide(Images.toImage(loss(history)), Images.toImage(accuracy(history)));
    }

    private static XYChart trainVersusValidation(History history, String metric, String title, String yTitle) {
        double[] epochs = history.epochs().stream().mapToDouble(e -> e.epoch()).toArray();
        if (epochs.length == 0) throw new IllegalArgumentException("the history has no finished epoch to plot");
        XYChart chart = xy(title, "epoch", yTitle);
        addLine(chart, "train", epochs, history.values(metric));
        double[] val = history.values("val_" + metric);
        if (Arrays.stream(val).noneMatch(Double::isNaN)) addLine(chart, "validation", epochs, val);
        return chart;
    }

    /** Several series over the same x values, e.g. one curve per regularisation strength. */
    public static XYChart lines(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series) {
        XYChart chart = xy(title, xTitle, yTitle);
        series.forEach((name, y) -> addLine(chart, name, x, y));
        return legendBesideIfMany(chart, series.size());
    }

    /** Several series, each with its own x values (e.g. runs of different lengths). */
    public static XYChart lines(String title, String xTitle, String yTitle, Map<String, double[][]> series) {
        XYChart chart = xy(title, xTitle, yTitle);
        series.forEach((name, xy) -> addLine(chart, name, xy[0], xy[1]));
        return legendBesideIfMany(chart, series.size());
    }

    /** A dashed grey level line across the data's x range, e.g. the accuracy an article reports; add it last. */
    public static XYChart referenceLine(XYChart chart, String name, double y) {
        var data = chart.getSeriesMap().values();
        if (data.isEmpty()) throw new IllegalArgumentException("add the data first: the reference line spans its x range");
        double from = data.stream().mapToDouble(XYSeries::getXMin).min().getAsDouble();
        double to = data.stream().mapToDouble(XYSeries::getXMax).max().getAsDouble();
        XYSeries line = chart.addSeries(name, new double[]{from, to}, new double[]{y, y});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineStyle(SeriesLines.DASH_DASH);
        line.setLineColor(Color.DARK_GRAY);
        return legendBesideIfMany(chart, chart.getSeriesMap().size());
    }

    /** With more than two lines, a legend inside the plot hides some of them (often their ends): put it beside. */
    private static XYChart legendBesideIfMany(XYChart chart, int seriesCount) {
        if (seriesCount > 2) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        return chart;
    }

    /** Grouped bars: one group per category, one bar per series. */
    public static CategoryChart bars(String title, String xTitle, String yTitle, List<String> categories,
                                     Map<String, double[]> series) {
        // A legend below the plot is one line that XChart does not wrap: when the names do not fit the width, it is
        // cut off at both ends, so it goes beside the plot instead, in a picture made wider to hold it.
        int legendRow = series.keySet().stream().mapToInt(n -> n.length() * LEGEND_CHAR_PIXELS + 40).sum();
        int longest = series.keySet().stream().mapToInt(String::length).max().orElse(0);
        boolean beside = legendRow > WIDTH * 4 / 3 - 40;
        int width = WIDTH * 4 / 3 + (beside ? longest * LEGEND_CHAR_PIXELS + 60 : 0);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setLegendPosition(beside ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(beside ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        series.forEach((name, values) -> {
            if (values.length != categories.size()) {
                throw new IllegalArgumentException("series " + name + " has " + values.length + " values for "
                        + categories.size() + " categories");
            }
            chart.addSeries(name, categories, Arrays.stream(values).boxed().toList());
        });
        return chart;
    }

    /** Stacked bars: each bar is the sum of its series' parts (e.g. time per training phase). */
    public static CategoryChart stackedBars(String title, String xTitle, String yTitle, List<String> categories,
                                            Map<String, double[]> parts) {
        CategoryChart chart = bars(title, xTitle, yTitle, categories, parts);
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return chart;
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        return chart;
    }

    private static void addLine(XYChart chart, String name, double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
        XYSeries s = chart.addSeries(name, x, y);
        boolean longSeries = x.length > 60;
        s.setMarker(longSeries ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        if (longSeries && chart.getStyler().getXAxisMin() == null) {
            // XChart puts the x ticks on the data values when they are equally spaced, and for hundreds of points their
            // labels run into each other. Half a step of room before the first point makes it choose round ticks.
            chart.getStyler().setXAxisMin(x[0] - (x[1] - x[0]) / 2);
        }
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendBorderColor(new Color(0xDDDDDD));
        styler.setPlotBorderVisible(false);
        styler.setDecimalPattern("#,##0.####");
    }

    /** Two pictures next to each other on a white background. */
    public static BufferedImage sideBySide(BufferedImage left, BufferedImage right) {
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), Math.max(left.getHeight(), right.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, both.getWidth(), both.getHeight());
            g.drawImage(left, 0, 0, null);
            g.drawImage(right, left.getWidth(), 0, null);
        } finally {
            g.dispose();
        }
        return both;
    }
}
