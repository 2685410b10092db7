package dlnb.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisplayTest {
    @TempDir
    Path dir;

    @Test
    void outsideAKernelChartsBecomePngFilesAndThePathIsPrinted() throws IOException {
        assertNull(dlnb.display.Kernel.frontend(), "no kernel runs the tests");
        XYChart chart = new XYChart(300, 200);
        chart.addSeries("line", new double[]{1, 2, 3}, new double[]{1, 4, 9});
        String printed = captureStdout(() -> new FileFrontend(dir).show("image/png", Images.toImage(chart)));
        assertTrue(printed.contains("saved " + dir), printed);
        try (var files = Files.list(dir)) {
            Path png = files.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
            BufferedImage read = ImageIO.read(png.toFile());
            assertEquals(300, read.getWidth());
            assertEquals(200, read.getHeight());
        }
    }

    @Test
    void htmlIsSavedAsHtml() throws IOException {
        FileFrontend files = new FileFrontend(dir);
        String id = files.show("text/html", "<b>hi</b>");
        captureStdout(() -> files.update(id, "text/html", "<b>bye</b>"));
        assertEquals("<b>bye</b>", Files.readString(dir.resolve(id + ".html")));
    }

    @Test
    void refusesWhatItCannotDraw() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Images.toImage("a string"));
        assertTrue(e.getMessage().contains("java.lang.String"));
    }

    private static String captureStdout(Runnable action) {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true));
        try {
            action.run();
        } finally {
            System.setOut(old);
        }
        return buffer.toString();
    }
}
