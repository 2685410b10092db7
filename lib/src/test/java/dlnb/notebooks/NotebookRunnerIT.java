package dlnb.notebooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookRunnerIT {
    @TempDir
    Path dir;

    @Test
    void aCellErrorFailsWithTheCellsSourceAndTraceback() throws Exception {
        Path notebook = dir.resolve("failing-cell.ipynb");
        try (var in = getClass().getResourceAsStream("/notebooks/failing-cell.ipynb")) {
            Files.copy(in, notebook);
        }
        NotebookRunner runner = new NotebookRunner(dir.resolve("out"), Map.of(), 5);
        AssertionError e = assertThrows(AssertionError.class, () -> runner.run(notebook));
        String message = e.getMessage();
        assertTrue(message.contains("cell 3 failed"), message);
        assertTrue(message.contains("if (answer == 42) throw new IllegalStateException"), message);
        assertTrue(message.contains("boom at 42"), message);
        assertTrue(!message.contains("\u001B["), "colour codes left in: " + message);
    }
}
