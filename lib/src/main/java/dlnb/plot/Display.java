package dlnb.plot;

import dlnb.display.Frontend;
import dlnb.display.Kernel;

/**
 * Shows charts, pictures and HTML in the notebook, in rapaio-jupyter-kernel, IJava and JJava alike (their display
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

    /** A table shown once and then redrawn in place each time the returned consumer gets a new version. */
    public static java.util.function.Consumer<tech.tablesaw.api.Table> liveTable() {
        LiveOutput[] out = new LiveOutput[1];
        return table -> {
            if (out[0] == null) out[0] = liveHtml(HtmlTables.of(table));
            else out[0].update(HtmlTables.of(table));
        };
    }

    /** Shows a chart or picture that can be redrawn in place later, e.g. a training curve that grows each epoch. */
    public static LiveOutput live(Object chartOrImage) {
        Frontend f = frontend();
        String id = f.show("image/png", Images.toImage(chartOrImage));
        return replacement -> f.update(id, "image/png", Images.toImage(replacement));
    }

    /** Shows an HTML fragment that can be replaced later, e.g. a progress table refreshed every few seconds. */
    public static LiveOutput liveHtml(String html) {
        Frontend f = frontend();
        String id = f.show("text/html", html);
        return replacement -> f.update(id, "text/html", String.valueOf(replacement));
    }

    /** A displayed output that can be replaced: a picture (for {@link #live}) or HTML (for {@link #liveHtml}). */
    @FunctionalInterface
    public interface LiveOutput {
        void update(Object replacement);
    }

    private static synchronized Frontend frontend() {
        if (frontend == null) frontend = Kernel.running() ? Kernel.frontend() : new FileFrontend(FileFrontend.defaultDirectory());
        return frontend;
    }
}
