package dlnb.notebooks;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key results each notebook must show, read from its executed copy. */
final class NotebookChecks {
    private NotebookChecks() {
    }

    static void environmentCheck(ExecutedNotebook nb) {
        String backend = nb.cellContaining("Backend.describe()").text();
        assertTrue(backend.contains("ND4J backend") && backend.contains("Native build"), "no backend report:\n" + backend);
        assertTrue(nb.allText().contains("Test label counts match the published ones."), "label counts not confirmed");
        assertTrue(nb.cellContaining("DigitGrid").outputs().stream().anyMatch(o -> o.mimeTypes().contains("image/png")),
                "the digit grid produced no image/png output");
    }
}
