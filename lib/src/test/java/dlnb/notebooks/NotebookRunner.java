package dlnb.notebooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Executes a notebook headless with {@code jupyter nbconvert --execute} in quick mode and reads back the result.
 * A kernel that does not answer at start-up (no cell has run then, so a second start is safe) gets one more start,
 * and the log says why; dlnb's kernel patch fixed the rapaio-jupyter-kernel race that used to cause this, so a
 * retry now points at a busy machine or a broken kernel install. Any other failure, and any cell error, fails with
 * the cell's source and traceback.
 */
final class NotebookRunner {
    /** Debian's Jupyter, or the one DLNB_JUPYTER names (as in environment/lib.sh). */
    static final String JUPYTER = System.getenv().getOrDefault("DLNB_JUPYTER", "/usr/bin/jupyter");
    static final int MAX_ATTEMPTS = 2;
    private static final List<String> START_UP_FAILURES = List.of("Kernel didn't respond", "Kernel died before replying to kernel_info");

    private final Path outputDir;
    private final Map<String, String> environment;
    private final long timeoutMinutes;

    NotebookRunner(Path outputDir, Map<String, String> environment, long timeoutMinutes) {
        this.outputDir = outputDir;
        this.environment = environment;
        this.timeoutMinutes = timeoutMinutes;
    }

    ExecutedNotebook run(Path notebook) throws IOException, InterruptedException {
        String name = notebook.getFileName().toString();
        Files.createDirectories(outputDir);
        Path executed = outputDir.resolve(name);
        Path log = outputDir.resolve(name.replace(".ipynb", ".log"));
        for (int attempt = 1; ; attempt++) {
            Files.deleteIfExists(executed);
            long start = System.nanoTime();
            int exit = nbconvert(notebook, log);
            double seconds = (System.nanoTime() - start) / 1e9;
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (exit == 0 && Files.exists(executed)) {
                System.out.printf("[notebooks] %s ran in %.1f s%s%n", name, seconds,
                        attempt > 1 ? " (attempt " + attempt + ")" : "");
                ExecutedNotebook result = ExecutedNotebook.read(executed);
                failOnCellError(result);
                return result;
            }
            String startUpFailure = START_UP_FAILURES.stream().filter(output::contains).findFirst().orElse(null);
            if (startUpFailure != null && attempt < MAX_ATTEMPTS) {
                System.out.printf("[notebooks] %s: the kernel did not answer at start-up (nbconvert: \"%s\" after %.0f s,"
                        + " attempt %d of %d); starting it once more%n", name, startUpFailure, seconds, attempt, MAX_ATTEMPTS);
                Thread.sleep(2000);
                continue;
            }
            throw new AssertionError(name + ": nbconvert failed (exit " + exit + ", attempt " + attempt + ", "
                    + String.format("%.0f s", seconds) + "). Last lines of " + log + ":\n" + tail(Ansi.strip(output), 40));
        }
    }

    private int nbconvert(Path notebook, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(JUPYTER, "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                "--ExecutePreprocessor.timeout=" + timeoutMinutes * 60,
                "--ExecutePreprocessor.startup_timeout=15",
                "--output-dir", outputDir.toString(), notebook.getFileName().toString())
                .directory(notebook.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only the run's own quick-mode settings count, never ones left in the shell that started the tests.
        pb.environment().keySet().removeAll(List.of("DLNB_QUICK", "DATASET_LIMIT", "MAX_EPOCH", "DLNB_RESULTS_DIR"));
        pb.environment().putAll(environment);
        Process process = pb.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeoutMinutes + 5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(notebook.getFileName() + ": still running after " + (timeoutMinutes + 5) + " minutes");
        }
        return process.exitValue();
    }

    private static void failOnCellError(ExecutedNotebook nb) {
        ExecutedNotebook.CodeCell cell = nb.firstError();
        if (cell == null) return;
        ExecutedNotebook.Output error = cell.outputs().stream().filter(o -> "error".equals(o.type())).findFirst().orElseThrow();
        throw new AssertionError(nb.file().getFileName() + ": cell " + cell.index() + " failed with " + error.ename()
                + ": " + Ansi.strip(error.evalue()) + "\n--- cell source ---\n" + cell.source()
                + "\n--- traceback ---\n" + error.traceback());
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
