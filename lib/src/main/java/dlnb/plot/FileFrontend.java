package dlnb.plot;

import dlnb.display.Frontend;
import dlnb.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outside a notebook kernel: each shown image becomes a PNG file, each HTML fragment an .html file, and the file's
 * path is printed. Files go to the system property {@code dlnb.plots.dir}, else {tmp}/dlnb-plots.
 */
final class FileFrontend implements Frontend {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final Path directory;

    FileFrontend(Path directory) {
        this.directory = directory;
    }

    static Path defaultDirectory() {
        String configured = System.getProperty("dlnb.plots.dir");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"), "dlnb-plots");
    }

    @Override
    public String show(String mime, Object payload) {
        String id = String.format("output-%04d", COUNTER.incrementAndGet());
        write(id, payload);
        return id;
    }

    @Override
    public void update(String id, String mime, Object payload) {
        write(id, payload);
    }

    private void write(String id, Object payload) {
        try {
            Files.createDirectories(directory);
            Path file;
            if (payload instanceof BufferedImage image) {
                file = Images.savePng(image, directory.resolve(id + ".png"));
            } else {
                file = directory.resolve(id + ".html");
                AtomicFiles.write(file, String.valueOf(payload).getBytes(StandardCharsets.UTF_8));
            }
            System.out.println("(no notebook kernel) saved " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save output to " + directory + ": " + e.getMessage(), e);
        }
    }
}
