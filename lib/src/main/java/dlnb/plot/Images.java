package dlnb.plot;

import dlnb.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Turning charts into pictures and pictures into PNG files. */
public final class Images {
    private Images() {
    }

    /** A chart or picture as a picture: XChart charts are rendered at their own size; pictures pass through. */
    public static BufferedImage toImage(Object chartOrImage) {
        if (chartOrImage instanceof BufferedImage image) return image;
        if (chartOrImage instanceof Chart<?, ?> chart) return BitmapEncoder.getBufferedImage(chart);
        throw new IllegalArgumentException("cannot draw a " + (chartOrImage == null ? "null" : chartOrImage.getClass().getName())
                + "; pass an XChart chart or a java.awt.image.BufferedImage");
    }

    /** Saves a chart or picture as PNG, atomically (see {@link AtomicFiles}); returns the absolute path. */
    public static Path savePng(Object chartOrImage, Path file) throws IOException {
        BufferedImage image = toImage(chartOrImage);
        return AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer in this JVM");
        });
    }
}
