package dlnb.notebooks;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every notebook in notebooks/ headless, in quick mode, and checks each one's key results from its outputs.
 * A notebook without checks of its own must still run without a cell error.
 */
class NotebooksIT {
    private static final Path NOTEBOOKS = Path.of(System.getProperty("notebooks.dir", "../notebooks"));
    private static final Path OUTPUT = Path.of(System.getProperty("notebooks.outputDir", "target/executed-notebooks"));
    private static final Map<String, String> QUICK_MODE = Map.of(
            "DATASET_LIMIT", System.getProperty("notebooks.datasetLimit", "6000"),
            "MAX_EPOCH", System.getProperty("notebooks.maxEpoch", "2"));

    /** What each notebook must show, keyed by file name. */
    private static final Map<String, Consumer<ExecutedNotebook>> CHECKS = Map.of(
            "00-environment-check.ipynb", NotebookChecks::environmentCheck,
            "01-mlp-basics.ipynb", NotebookChecks::mlpBasics,
            "02-gpu-setup.ipynb", NotebookChecks::gpuSetup,
            "03-cnn-keras-like.ipynb", NotebookChecks::cnn,
            "04-regularization-sweeps.ipynb", NotebookChecks::regularization,
            "05-bw-propagation-optimization.ipynb", NotebookChecks::backprop);

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsAndShowsItsResults() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(notebooks.size() >= 1, "no notebooks found in " + NOTEBOOKS.toAbsolutePath());
        System.out.println("[notebooks] running " + notebooks.size() + " notebooks in quick mode " + QUICK_MODE);
        NotebookRunner runner = new NotebookRunner(OUTPUT, QUICK_MODE, 30);
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            ExecutedNotebook executed = runner.run(nb);
            CHECKS.getOrDefault(nb.getFileName().toString(), n -> { }).accept(executed);
        }));
    }
}
