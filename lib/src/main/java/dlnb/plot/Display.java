package dlnb.plot;

/**
 * Shows charts, pictures and HTML in the notebook, in rapaio-jupyter-kernel and in IJava alike (their display
 * calls differ, so the library publishes through whichever kernel it runs in). Outside a kernel, output is saved
 * to files and their paths printed.
 */
public final class Display {
    private static Frontend frontend;

    private Display() {
    }

    /** Shows an XChart chart or a BufferedImage inline, as PNG. */
    public static void show(Object chartOrImage) {
        frontend().show("image/png", Images.toImage(chartOrImage));
    }

    /** Shows an HTML fragment inline. */
    public static void html(String html) {
        frontend().show("text/html", html);
    }

    /** Shows a Tablesaw table inline (as an HTML table). */
    public static void table(tech.tablesaw.api.Table table) {
        html(HtmlTables.of(table));
    }

    /** Shows a chart or picture that can be redrawn in place later, e.g. a training curve that grows each epoch. */
    public static LiveOutput live(Object chartOrImage) {
        Frontend f = frontend();
        String id = f.show("image/png", Images.toImage(chartOrImage));
        return replacement -> f.update(id, "image/png", Images.toImage(replacement));
    }

    /** A displayed picture that can be replaced. */
    @FunctionalInterface
    public interface LiveOutput {
        void update(Object chartOrImage);
    }

    private static synchronized Frontend frontend() {
        if (frontend == null) frontend = Frontend.detect();
        return frontend;
    }
}
