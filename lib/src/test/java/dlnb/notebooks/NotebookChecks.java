package dlnb.notebooks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key results each notebook must show, read from its executed copy (quick mode). */
final class NotebookChecks {
    private static final String NUMBER = "[-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?";

    private NotebookChecks() {
    }

    static void environmentCheck(ExecutedNotebook nb) {
        String backend = nb.cellContaining("Backend.describe()").text();
        assertTrue(backend.contains("ND4J backend") && backend.contains("Native build"), "no backend report:\n" + backend);
        assertTrue(nb.allText().contains("Test label counts match the published ones."), "label counts not confirmed");
        assertTrue(nb.cellContaining("DigitGrid").outputs().stream().anyMatch(o -> o.mimeTypes().contains("image/png")),
                "the digit grid produced no image/png output");
    }

    static void mlpBasics(ExecutedNotebook nb) {
        String log = nb.cellContaining("trainBatches.nextEpoch()").text();
        Pattern epoch = Pattern.compile("epoch (\\d+)\\ntrain mean loss=(" + NUMBER + "), accuracy=(" + NUMBER
                + "), throughput=(" + NUMBER + ") images/sec\\ntest  mean loss=(" + NUMBER + "), accuracy=(" + NUMBER + ")\\n");
        Matcher m = epoch.matcher(log);
        int epochs = 0;
        double lastTestAccuracy = 0;
        while (m.find()) {
            epochs++;
            lastTestAccuracy = Double.parseDouble(m.group(6));
        }
        assertTrue(epochs >= 1, "no log lines in the article's format:\n" + log);
        assertTrue(lastTestAccuracy >= 0.85, "quick-mode test accuracy " + lastTestAccuracy + " is below 0.85");
        assertTrue(nb.allText().contains("fit reproduces the written-out loop."), "fit was not compared with the loop");
        assertTrue(nb.count("image/png") >= 5, "expected at least 5 pictures, got " + nb.count("image/png"));
        assertTrue(nb.allText().contains("Ours vs the article"), "no closing table");
    }

    static void gpuSetup(ExecutedNotebook nb) {
        String decision = nb.cellContaining("GpuProbe.detect()").text();
        assertTrue(decision.contains("ND4J runs on the CPU.") || decision.contains("with ND4J's CUDA backend."),
                "no GPU decision in:\n" + decision);
        assertTrue(nb.allText().contains("NVIDIA H100 80GB HBM3, but its compute capability 9.0 is outside the 3.7-8.9 range"),
                "the Hopper example is missing");
        assertTrue(nb.allText().matches("(?s).*CPU, tuned \\(\\d+ cores\\)\\s+h=3000\\s+[0-9,]+ images/s.*"),
                "no throughput for h=3000");
        assertTrue(nb.allText().contains("Images per second, ours vs the article"), "no throughput table");
        assertTrue(nb.count("image/png") >= 1, "no throughput chart");
    }
}
