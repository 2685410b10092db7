package dlnb.plot;

import dlnb.data.QuickMode;
import dlnb.io.AtomicFiles;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where notebooks keep what they produce: {@code results/<notebook>/} at the top of the repository (charts as PNG,
 * tables as CSV, the numbers beside the article's as JSON). Quick-mode runs write under {@code results/quick/} so
 * they never overwrite a full run's results. {@code DLNB_RESULTS_DIR} points elsewhere (the reproduction script
 * writes a run into a staging folder and moves each notebook's results into place only when it succeeded).
 */
public final class Results {
    private Results() {
    }

    /** The folder for one notebook's results, created if needed. */
    public static Path folder(String notebook) {
        String override = System.getenv("DLNB_RESULTS_DIR");
        Path root = override == null || override.isBlank() ? repositoryRoot().resolve("results") : Path.of(override);
        Path dir = (QuickMode.active() ? root.resolve("quick") : root).resolve(notebook);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A folder for checkpoints of long runs, so a run that dies can continue where it stopped: under
     * {@code results/.checkpoints/} (not committed), apart from the results themselves, which the reproduction
     * script stages and replaces.
     */
    public static Path checkpoints(String notebook) {
        Path dir = repositoryRoot().resolve("results").resolve(".checkpoints").resolve(QuickMode.active() ? "quick" : "full")
                .resolve(notebook);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Saves a chart or picture as {@code <name>.png} and returns its path. */
    public static Path savePng(String notebook, String name, Object chartOrImage) {
        try {
            return Images.savePng(chartOrImage, folder(notebook).resolve(name + ".png"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + name + ".png: " + e.getMessage(), e);
        }
    }

    /** Saves a table as {@code <name>.csv} and returns its path. */
    public static Path saveCsv(String notebook, String name, Table table) {
        Path file = folder(notebook).resolve(name + ".csv");
        try {
            java.io.StringWriter csv = new java.io.StringWriter();
            table.write().csv(csv);
            return AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file + ": " + e.getMessage(), e);
        }
    }

    /** The repository: the nearest directory, from the working directory up, holding both data/ and notebooks/. */
    static Path repositoryRoot() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("notebooks")) && Files.isDirectory(dir.resolve("lib"))) return dir;
        }
        return start;
    }
}
