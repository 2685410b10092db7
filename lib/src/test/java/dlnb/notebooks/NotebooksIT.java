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
 * Runs every notebook in notebooks/ headless twice: in its own quick mode (DLNB_QUICK=1), checking its key results
 * and its printed conclusions; and at the smallest budget a teacher may choose (DATASET_LIMIT=1000, MAX_EPOCH=1),
 * where no check may fail and every printed conclusion must still agree with the numbers beside it.
 */
class NotebooksIT {
    private static final Path NOTEBOOKS = Path.of(System.getProperty("notebooks.dir", "../notebooks"));
    private static final Path OUTPUT = Path.of(System.getProperty("notebooks.outputDir", "target/executed-notebooks"));

    private static final Map<String, Consumer<ExecutedNotebook>> QUICK_MODE_CHECKS = Map.of(
            "00-environment-check.ipynb", NotebookChecks::environmentCheck,
            "01-mlp-basics.ipynb", NotebookChecks::mlpBasics,
            "02-gpu-setup.ipynb", NotebookChecks::gpuSetup,
            "03-cnn-keras-like.ipynb", NotebookChecks::cnn,
            "04-regularization-sweeps.ipynb", NotebookChecks::regularization,
            "05-bw-propagation-optimization.ipynb", NotebookChecks::backprop);

    private static final Map<String, Consumer<ExecutedNotebook>> CONCLUSION_CHECKS = Map.of(
            "00-environment-check.ipynb", NotebookChecks::environmentConclusions,
            "01-mlp-basics.ipynb", NotebookChecks::mlpConclusions,
            "02-gpu-setup.ipynb", NotebookChecks::gpuConclusions,
            "03-cnn-keras-like.ipynb", NotebookChecks::cnnConclusions,
            "04-regularization-sweeps.ipynb", NotebookChecks::regularizationConclusions,
            "05-bw-propagation-optimization.ipynb", NotebookChecks::backpropConclusions);

    @TestFactory
    Stream<DynamicTest> everyNotebookInItsQuickMode() throws IOException {
        return run(Map.of("DLNB_QUICK", "1"), OUTPUT, QUICK_MODE_CHECKS);
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookAtTheSmallestBudget() throws IOException {
        return run(Map.of("DATASET_LIMIT", "1000", "MAX_EPOCH", "1"), OUTPUT.resolveSibling(OUTPUT.getFileName() + "-smallest"),
                CONCLUSION_CHECKS);
    }

    private static Stream<DynamicTest> run(Map<String, String> environment, Path output, Map<String, Consumer<ExecutedNotebook>> checks)
            throws IOException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(notebooks.size() >= 1, "no notebooks found in " + NOTEBOOKS.toAbsolutePath());
        System.out.println("[notebooks] running " + notebooks.size() + " notebooks with " + environment);
        NotebookRunner runner = new NotebookRunner(output, environment, 30);
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName() + " " + environment, () -> {
            ExecutedNotebook executed = runner.run(nb);
            checks.getOrDefault(nb.getFileName().toString(), n -> { }).accept(executed);
        }));
    }
}
