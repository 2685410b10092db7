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
        String first = Ansi.strip(nb.cells().get(0).text()).strip();
        assertTrue(first.lines().count() <= 1, "the first cell printed " + first.lines().count() + " lines:\n" + first);
        String backend = nb.cellContaining("Backend.describe()").text();
        assertTrue(backend.contains("ND4J backend") && backend.contains("Native build"), "no backend report:\n" + backend);
        assertTrue(backend.contains("\nKernel "), "the backend report does not say which kernel runs it:\n" + backend);
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

    static void cnn(ExecutedNotebook nb) {
        String summary = nb.cellContaining("cnn.add(new Dense(10, Activation.SOFTMAX))").text();
        assertTrue(summary.contains("Total params: 96,844"), "the Keras-article CNN summary does not show 96,844:\n" + summary);
        assertTrue(nb.allText().contains("from the parameter structure 96,844"), "the spec-built CNN differs");
        assertTrue(nb.allText().contains("The second run repeated the first exactly."), "re-training did not repeat");
        assertTrue(number(nb.allText(), "part A: mean (" + NUMBER + ")") >= 0.90, "part A mean accuracy below the floor");
        assertTrue(number(nb.allText(), "part A, halving rate: mean (" + NUMBER + ")") >= 0.90,
                "part A mean accuracy with the halving rate below the floor");
        assertTrue(nb.allText().matches("(?s).*Test accuracy after \\d+ epochs, by seed.*"), "no seed table");
        for (String chart : new String[] {"savePng(\"03-cnn\", \"keras-cnn-seeds\",", "savePng(\"03-cnn\", \"keras-cnn-seeds-halving\","}) {
            assertTrue(nb.cellContaining(chart).outputs().stream().anyMatch(o -> o.mimeTypes().contains("image/png")),
                    "no chart of the seeds' test accuracy in the cell saving " + chart);
        }
        assertTrue(number(nb.allText(), "part B test accuracy (" + NUMBER + ")") >= 0.90, "part B accuracy below the floor");
        long filterPictures = nb.cells().stream().filter(c -> c.source().contains("FilterGrid.of"))
                .flatMap(c -> c.outputs().stream()).filter(o -> o.mimeTypes().contains("image/png")).count();
        assertTrue(filterPictures >= 2, "expected filter pictures before and after training, got " + filterPictures);
    }

    static void regularization(ExecutedNotebook nb) {
        String table = nb.cellContaining("double[][] article =").text();
        Matcher rows = Pattern.compile("<tr><td>0\\.\\d+</td>").matcher(table);
        int count = 0;
        while (rows.find()) count++;
        assertTrue(count == 5, "the sweep table should have five rows, found " + count + ":\n" + table);
        assertTrue(nb.allText().contains("the sweep took"), "the sweep did not report its time");
        assertTrue(nb.count("image/png") >= 2, "expected the in-depth and sweep charts");
    }

    static void backprop(ExecutedNotebook nb) {
        double difference = number(nb.allText(), "max \\|naive - optimised\\| = (" + NUMBER + ")");
        assertTrue(difference < 1e-5, "naive and optimised gradients differ by " + difference);
        assertTrue(nb.allText().matches("(?s).*\\d+ gradients checked: .*"), "no gradient check");
        assertTrue(nb.allText().contains("Microseconds per mini-batch"), "no timing table");
        assertTrue(nb.allText().contains("epochs: total seconds"), "no 35-epoch timing table");
        assertTrue(nb.count("image/png") >= 1, "no stacked bar chart");
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return Double.parseDouble(m.group(1));
    }
}
