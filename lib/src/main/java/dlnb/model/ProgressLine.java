package dlnb.model;

import dlnb.display.Frontend;
import dlnb.display.Kernel;

import java.io.PrintStream;

/**
 * Keras' progress line: "Epoch 1/5", then "469/469 [==============================] - 12s 25ms/step - loss: 0.1551 -
 * accuracy: 0.9520". In a notebook kernel each epoch gets one output that is redrawn in place a few times a second
 * (Jupyter's update of a display, as the live tables use), so the saved notebook holds one final line per epoch.
 * Elsewhere (a terminal, a log, another stream) only the final line of each epoch is printed: carriage returns would
 * leave a scroll of half-drawn lines in files and notebooks alike.
 */
final class ProgressLine {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 250_000_000L;
    private final PrintStream out;
    private final Frontend display;
    private final int epochs;
    private int epoch, batches;
    private long epochStart;
    private long lastDraw;
    private String displayId;

    ProgressLine(PrintStream out, int epochs) {
        this.out = out;
        this.epochs = epochs;
        this.display = out == System.out ? Kernel.frontend() : null;
    }

    void startEpoch(int epoch, int batches) {
        this.epoch = epoch;
        this.batches = batches;
        epochStart = System.nanoTime();
        lastDraw = epochStart;
        if (display != null) displayId = display.show("text/plain", header());
        else out.println(header());
    }

    /** Whether the line is due for a redraw after {@code done} batches (the last batch is left to endEpoch). */
    boolean due(int done) {
        return display != null && done < batches && System.nanoTime() - lastDraw >= REDRAW_NANOS;
    }

    void draw(int done, double loss, double accuracy) {
        long now = System.nanoTime();
        lastDraw = now;
        display.update(displayId, "text/plain", header() + "\n" + line(done, now, loss, accuracy));
    }

    void endEpoch(double loss, double accuracy, double valLoss, double valAccuracy) {
        String line = line(batches, System.nanoTime(), loss, accuracy);
        if (!Double.isNaN(valLoss)) line += String.format(" - val_loss: %.4f - val_accuracy: %.4f", valLoss, valAccuracy);
        if (display != null) {
            display.update(displayId, "text/plain", header() + "\n" + line);
        } else {
            out.println(line);
            out.flush();
        }
    }

    private String header() {
        return "Epoch " + epoch + "/" + epochs;
    }

    /** Keras' unit choice: whole milliseconds, or microseconds below one millisecond. */
    private static String perStep(double seconds) {
        return seconds >= 1e-3 ? Math.round(seconds * 1e3) + "ms" : Math.round(seconds * 1e6) + "us";
    }

    private String line(int done, long now, double loss, double accuracy) {
        int filled = (int) ((long) WIDTH * done / Math.max(1, batches));
        String bar = "=".repeat(Math.max(0, filled - (done < batches ? 1 : 0))) + (done < batches ? ">" : "")
                + ".".repeat(WIDTH - filled);
        double seconds = (now - epochStart) / 1e9;
        String timing = done < batches
                ? String.format("ETA: %ds", Math.round(seconds / Math.max(1, done) * (batches - done)))
                : String.format("%ds %s/step", Math.round(seconds), perStep(seconds / Math.max(1, done)));
        String metrics = String.format(" - loss: %.4f", loss) + (Double.isNaN(accuracy) ? "" : String.format(" - accuracy: %.4f", accuracy));
        return String.format("%" + String.valueOf(batches).length() + "d/%d [%s] - %s%s", done, batches, bar, timing, metrics);
    }
}
