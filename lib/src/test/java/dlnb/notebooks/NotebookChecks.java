package dlnb.notebooks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each notebook must show, read from its executed copy. The key results are checked in each notebook's quick
 * mode; the printed conclusions are checked against the numbers printed beside them in every run, whatever its
 * size, so no sentence a notebook prints can contradict its own numbers.
 */
final class NotebookChecks {
    static final String NUMBER = "[-+]?[0-9][0-9,]*\\.?[0-9]*(?:[eE][-+]?[0-9]+)?";

    private NotebookChecks() {
    }

    // ---- key results (quick mode) ----

    static void environmentCheck(ExecutedNotebook nb) {
        String first = Ansi.strip(nb.cells().get(0).text()).strip();
        assertTrue(first.lines().count() <= 1, "the first cell printed " + first.lines().count() + " lines:\n" + first);
        String backend = nb.cellContaining("Backend.describe()").text();
        assertTrue(backend.contains("ND4J backend") && backend.contains("Native build"), "no backend report:\n" + backend);
        assertTrue(backend.contains("\nKernel "), "the backend report does not say which kernel runs it:\n" + backend);
        assertTrue(nb.allText().contains("Test label counts match the published ones."), "label counts not confirmed");
        assertTrue(nb.allText().contains("Training label counts match the published ones."), "quick mode loads all of MNIST here");
        assertTrue(nb.cellContaining("DigitGrid").outputs().stream().anyMatch(o -> o.mimeTypes().contains("image/png")),
                "the digit grid produced no image/png output");
        environmentConclusions(nb);
    }

    static void mlpBasics(ExecutedNotebook nb) {
        List<double[]> log = mlpLog(nb);
        assertTrue(log.size() >= 10, "quick mode trains 15 epochs, found " + log.size());
        assertTrue(log.get(log.size() - 1)[4] >= 0.94, "quick-mode test accuracy " + log.get(log.size() - 1)[4] + " is below 0.94");
        assertTrue(nb.allText().contains("fit reproduces the written-out loop."), "fit was not compared with the loop");
        assertTrue(nb.count("image/png") >= 5, "expected at least 5 pictures, got " + nb.count("image/png"));
        HtmlTable table = HtmlTable.find(nb.allText(), "Quick mode, 20,000 of 60,000 training images, 15 epochs: ours vs the article");
        assertEquals(13, table.rows().size(), "12 numbers of the article's log and its throughput");
        assertTrue(table.rows().get(1).get(0).equals("test accuracy after epoch 2") && table.rows().get(1).get(1).equals("0.9499"),
                "epoch 2's article value is missing: " + table.rows().get(1));
        mlpConclusions(nb);
    }

    static void gpuSetup(ExecutedNotebook nb) {
        String decision = nb.cellContaining("GpuProbe.detect()").text();
        assertTrue(decision.contains("ND4J runs on the CPU.") || decision.contains("with ND4J's CUDA backend."),
                "no GPU decision in:\n" + decision);
        assertTrue(nb.allText().contains("NVIDIA H100 80GB HBM3, but its compute capability 9.0 is outside the 3.7-8.9 range"),
                "the Hopper example is missing");
        assertEquals(9, throughput(nb).size(), "three widths in three thread settings");
        assertTrue(nb.allText().contains("Images per second, ours vs the article"), "no throughput table");
        HtmlTable.find(nb.allText(), "Quick mode, 4,000 training images");
        assertTrue(nb.count("image/png") >= 1, "no throughput chart");
        gpuConclusions(nb);
    }

    static void cnn(ExecutedNotebook nb) {
        String summary = nb.cellContaining("cnn.add(new Dense(10, Activation.SOFTMAX))").text();
        assertTrue(summary.contains("Total params: 96,844"), "the Keras-article CNN summary does not show 96,844:\n" + summary);
        assertTrue(nb.allText().contains("from the parameter structure 96,844"), "the spec-built CNN differs");
        assertTrue(nb.allText().contains("The second run repeated the first exactly."), "re-training did not repeat");
        assertTrue(number(nb.allText(), "part A: mean (" + NUMBER + ")") >= 0.85, "part A mean accuracy below the floor");
        assertTrue(nb.allText().matches("(?s).*Test accuracy after \\d+ epochs, by seed.*"), "no seed table");
        for (String chart : new String[] {"savePng(\"03-cnn\", \"keras-cnn-seeds\",", "savePng(\"03-cnn\", \"keras-cnn-seeds-halving\","}) {
            assertTrue(nb.cellContaining(chart).outputs().stream().anyMatch(o -> o.mimeTypes().contains("image/png")),
                    "no chart of the seeds' test accuracy in the cell saving " + chart);
        }
        var progress = nb.cellContaining("var history = cnn.fit(").outputs().stream()
                .filter(o -> o.text().startsWith("Epoch ")).map(ExecutedNotebook.Output::text).toList();
        assertEquals(2, progress.size(), "one progress output per epoch, updated in place: " + progress);
        for (String p : progress) {
            assertTrue(!p.contains("\r") && p.matches("(?s)Epoch \\d/2\\n63/63 \\[={30}] - .* - val_accuracy: \\d\\.\\d{4}"),
                    "each epoch's output ends as Keras' final line: " + p);
        }
        String batchNorm = nb.cellContaining("withBatchNorm.summary()").text();
        assertTrue(batchNorm.contains("Non-trainable params: 320"), "the batch-normalised CNN's summary:\n" + batchNorm);
        assertTrue(number(nb.allText(), "part B test accuracy (" + NUMBER + ")") >= 0.85, "part B accuracy below the floor");
        long filterPictures = nb.cells().stream().filter(c -> c.source().contains("FilterGrid.of"))
                .flatMap(c -> c.outputs().stream()).filter(o -> o.mimeTypes().contains("image/png")).count();
        assertTrue(filterPictures >= 2, "expected filter pictures before and after training, got " + filterPictures);
        HtmlTable article = HtmlTable.findLast(nb.allText(), "Quick mode, 4,000 training images, 2 epochs");
        assertTrue(article.rows().stream().anyMatch(r -> r.get(0).equals("Keras CNN: training loss, epoch 5") && r.get(1).equals("0.0184")), "the article's training log is missing");
        assertTrue(article.rows().stream().anyMatch(r -> r.get(0).startsWith("PuzzleLib LeNet: final test accuracy")), "part B's row is missing");
        cnnConclusions(nb);
    }

    static void regularization(ExecutedNotebook nb) {
        HtmlTable byRun = HtmlTable.find(nb.allText(), "Final accuracy by run");
        assertEquals(10, byRun.rows().size(), "five λ2 from two seeds in quick mode");
        for (int r = 0; r < byRun.rows().size(); r++) {
            assertTrue(byRun.number(r, "acc_test") >= 0.85, "quick mode must leave chance behind: " + byRun.rows().get(r));
        }
        assertTrue(nb.allText().contains("the sweep took"), "the sweep did not report its time");
        assertTrue(nb.count("image/png") >= 3, "expected the in-depth, sweep and cost charts");
        HtmlTable article = HtmlTable.find(nb.allText(), "Quick mode, 60,000 training images, 20 epochs");
        assertEquals(16, article.rows().size(), "acc_train, acc_test and convergence for five λ2, and the best λ2");
        double share = number(nb.allText(), "to (" + NUMBER + ")% in epoch 20");
        assertTrue(share >= 10, "the penalty's share must be visible in quick mode, got " + share + "%");
        regularizationConclusions(nb);
    }

    static void backprop(ExecutedNotebook nb) {
        double difference = number(nb.allText(), "max \\|naive - optimised\\| = (" + NUMBER + ")");
        assertTrue(difference < 1e-5, "naive and optimised gradients differ by " + difference);
        assertTrue(nb.allText().matches("(?s).*\\d+ gradients checked: .*"), "no gradient check");
        HtmlTable phases = HtmlTable.find(nb.allText(), "Microseconds per mini-batch");
        assertEquals(List.of("phase", "naive, 500", "optimised, 500", "naive, 20,000", "optimised, 20,000"), phases.header());
        assertTrue(phases.number(0, "naive, 500") > 20, "input slicing copies the batch's rows: it cannot take "
                + phases.number(0, "naive, 500") + " µs");
        assertTrue(nb.allText().contains("epochs: total seconds"), "no timing table");
        assertTrue(nb.count("image/png") >= 1, "no stacked bar chart");
        HtmlTable.find(nb.allText(), "Quick mode, 20,000 training images, 10 epochs, batches of 500 and 20,000");
        backpropConclusions(nb);
    }

    // ---- printed conclusions against the numbers beside them (any run) ----

    static void environmentConclusions(ExecutedNotebook nb) {
        HtmlTable counts = HtmlTable.find(nb.allText(), "Images per digit");
        double[] train = counts.rows().stream().mapToDouble(r -> Double.parseDouble(r.get(1).replace(",", ""))).toArray();
        Matcher m = find(nb.allText(), "hold between (" + NUMBER + ") and (" + NUMBER + ") of each digit .*: (close to balanced|noticeably unbalanced)");
        double min = Arrays.stream(train).min().orElseThrow(), max = Arrays.stream(train).max().orElseThrow();
        assertEquals(min, parse(m.group(1)));
        assertEquals(max, parse(m.group(2)));
        assertEquals(max < 1.5 * min ? "close to balanced" : "noticeably unbalanced", m.group(3));
    }

    /** Per epoch of the written-out loop: train loss, train accuracy, throughput, test loss, test accuracy. */
    private static List<double[]> mlpLog(ExecutedNotebook nb) {
        String log = nb.cellContaining("trainBatches.nextEpoch()").text();
        Matcher m = Pattern.compile("epoch (\\d+)\\ntrain mean loss=(" + NUMBER + "), accuracy=(" + NUMBER
                + "), throughput=(" + NUMBER + ") images/sec\\ntest  mean loss=(" + NUMBER + "), accuracy=(" + NUMBER + ")\\n").matcher(log);
        List<double[]> epochs = new ArrayList<>();
        while (m.find()) {
            epochs.add(new double[]{parse(m.group(2)), parse(m.group(3)), parse(m.group(4)), parse(m.group(5)), parse(m.group(6))});
        }
        assertTrue(!epochs.isEmpty(), "no log lines in the article's format:\n" + log);
        return epochs;
    }

    static void mlpConclusions(ExecutedNotebook nb) {
        List<double[]> log = mlpLog(nb);
        int best = 0;
        for (int e = 1; e < log.size(); e++) if (log.get(e)[3] < log.get(best)[3]) best = e;
        String text = nb.allText();
        if (best < log.size() - 1) {
            Matcher m = find(text, "In this run the test loss was lowest after epoch (\\d+) and rose by (" + NUMBER + ") in the (\\d+) epochs after it");
            assertEquals(best + 1, Integer.parseInt(m.group(1)), "the epoch of the lowest test loss");
            assertEquals(log.get(log.size() - 1)[3] - log.get(best)[3], parse(m.group(2)), 1e-4, "how much the test loss rose");
            assertEquals(log.size() - 1 - best, Integer.parseInt(m.group(3)));
        } else {
            find(text, "In this run the test loss was still falling after the last epoch \\(" + log.size() + "\\)");
        }
    }

    private static Map<String, double[]> throughput(ExecutedNotebook nb) {
        Matcher m = Pattern.compile("(CPU, [^\\n]*?)\\s+h=(\\d+)\\s+(" + NUMBER + ") images/s").matcher(nb.allText());
        Map<String, double[]> speeds = new LinkedHashMap<>();
        while (m.find()) speeds.put(m.group(1).strip() + " h=" + m.group(2), new double[]{Integer.parseInt(m.group(2)), parse(m.group(3))});
        return speeds;
    }

    static void gpuConclusions(ExecutedNotebook nb) {
        Map<String, double[]> s = throughput(nb);
        int cores = Integer.parseInt(find(nb.allText(), "every pool on (\\d+) threads was slower").group(1));
        int[] widths = {50, 1000, 3000};
        double[] one = new double[3], every = new double[3], tuned = new double[3];
        for (int i = 0; i < 3; i++) {
            one[i] = s.get("CPU, 1 thread h=" + widths[i])[1];
            every[i] = s.get("CPU, every pool on " + cores + " threads h=" + widths[i])[1];
            tuned[i] = s.get("CPU, tuned (" + cores + " cores) h=" + widths[i])[1];
        }
        Matcher m = find(nb.allText(), "was slower than the tuned setting at (.*?), and faster at (.*?)\\.\\n");
        assertEquals(widths(widths, i -> every[i] < tuned[i]), m.group(1));
        assertEquals(widths(widths, i -> every[i] >= tuned[i]), m.group(2));
        assertEquals(widths(widths, i -> every[i] < one[i]), find(nb.allText(), "It was slower than a single thread at (.*?)\\.\\n").group(1));
        Matcher gain = find(nb.allText(), "the tuned setting did best at h = (\\d+) \\(×(" + NUMBER + ")\\) and worst at h = (\\d+)");
        int most = 0, least = 0;
        for (int i = 1; i < 3; i++) {
            if (tuned[i] / one[i] > tuned[most] / one[most]) most = i;
            if (tuned[i] / one[i] < tuned[least] / one[least]) least = i;
        }
        assertEquals(widths[most], Integer.parseInt(gain.group(1)));
        assertEquals(tuned[most] / one[most], parse(gain.group(2)), 0.01);
        assertEquals(widths[least], Integer.parseInt(gain.group(3)));
    }

    private static String widths(int[] widths, java.util.function.IntPredicate test) {
        List<String> hs = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) if (test.test(i)) hs.add("h = " + widths[i]);
        return hs.isEmpty() ? "no width" : String.join(", ", hs);
    }

    static void cnnConclusions(ExecutedNotebook nb) {
        String text = nb.allText();
        HtmlTable bySeed = HtmlTable.find(text, "Test accuracy after ");
        double[] constant = bySeed.rows().stream().mapToDouble(r -> parse(r.get(1))).toArray();
        double[] halving = bySeed.rows().stream().mapToDouble(r -> parse(r.get(2))).toArray();
        checkSpreadLine(text, "constant rate \\(article\\)", constant);
        checkSpreadLine(text, "halved after each epoch", halving);
        double effect = mean(halving) - mean(constant);
        Matcher m = find(text, "halving the rate changed the mean test accuracy by (" + NUMBER + ")");
        assertEquals(effect, parse(m.group(1)), 2e-4, "the halving's effect on the mean");
        double noise = Math.max(range(constant), range(halving));
        if (Math.abs(Math.abs(effect) - noise / 2) > 2e-4) {
            String verdict = Math.abs(effect) < noise / 2 ? "the run cannot tell the two recipes apart"
                    : effect > 0 ? "The halving rate did better" : "The constant rate did better";
            assertTrue(text.contains(verdict), "expected \"" + verdict + "\" for an effect of " + effect + " and a spread of " + noise);
        }
        Matcher bn = find(text, "test accuracy after one epoch: (" + NUMBER + ") without batch normalization, (" + NUMBER + ") with it");
        boolean better = parse(bn.group(2)) > parse(bn.group(1));
        assertTrue(text.contains(better ? "batch normalization made the first epoch better" : "batch normalization did not make the first epoch better"));
        Matcher b = find(text, "from seeds 1, 2, 3: (" + NUMBER + "), (" + NUMBER + "), (" + NUMBER + ")");
        double lowest = Math.min(parse(b.group(1)), Math.min(parse(b.group(2)), parse(b.group(3))));
        assertEquals(lowest, number(text, "lowest over the seeds (" + NUMBER + ")"), 1e-4);
    }

    private static void checkSpreadLine(String text, String recipe, double[] values) {
        Matcher m = find(text, recipe + ": lowest (" + NUMBER + "), mean (" + NUMBER + "), highest (" + NUMBER + "); (\\d+) of (\\d+) seeds reach 0.99");
        assertEquals(Arrays.stream(values).min().orElseThrow(), parse(m.group(1)), 1e-4);
        assertEquals(mean(values), parse(m.group(2)), 1e-4);
        assertEquals(Arrays.stream(values).max().orElseThrow(), parse(m.group(3)), 1e-4);
        assertEquals(values.length, Integer.parseInt(m.group(5)));
    }

    static void regularizationConclusions(ExecutedNotebook nb) {
        String text = nb.allText();
        Matcher rose = find(text, "rose from (" + NUMBER + ")% in epoch 1 to (" + NUMBER + ")% in epoch (\\d+): it (has become|is not \\(yet\\))");
        assertEquals(parse(rose.group(2)) > 50 ? "has become" : "is not (yet)", rose.group(4));
        Matcher line = find(text, "the penalty's share of the cost in epoch \\d+:(.*)\\n");
        Matcher each = Pattern.compile("λ2 = (" + NUMBER + "): (" + NUMBER + ")%").matcher(line.group(1));
        List<String> dominated = new ArrayList<>();
        boolean ambiguous = false;
        while (each.find()) {
            double share = parse(each.group(2));
            ambiguous |= Math.abs(share - 50) < 0.05;
            if (share > 50) dominated.add(each.group(1));
        }
        if (!ambiguous) {
            assertTrue(text.contains(dominated.isEmpty() ? "For no λ2 has the penalty become the larger part of the cost yet."
                    : "The penalty is the larger part of the cost for λ2 = " + String.join(", ", dominated) + "."), "share verdict for " + dominated);
        }
        HtmlTable byRun = HtmlTable.find(text, "Final accuracy by run");
        Map<String, List<Double>> testByLambda = new LinkedHashMap<>();
        for (var r : byRun.rows()) testByLambda.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(parse(r.get(3)));
        String best = null;
        double bestMean = -1;
        for (var e : testByLambda.entrySet()) {
            double mean = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            if (mean > bestMean + 1e-4) {
                bestMean = mean;
                best = e.getKey();
            }
        }
        Matcher m = find(text, "the best mean test accuracy came with λ2 = (" + NUMBER + ") \\((" + NUMBER + ")\\)");
        assertEquals(bestMean, parse(m.group(2)), 1e-4);
        double bestOfSentence = mean(testByLambda.get(m.group(1)).stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(bestMean, bestOfSentence, 1e-4, "λ2 = " + m.group(1) + " is named best but " + best + " has the highest mean");
    }

    static void backpropConclusions(ExecutedNotebook nb) {
        String text = nb.allText();
        HtmlTable phases = HtmlTable.find(text, "Microseconds per mini-batch");
        double[] backward = new double[4];
        for (int column = 1; column <= 4; column++) {
            for (int r = 4; r <= 6; r++) backward[column - 1] += parse(phases.rows().get(r).get(column));
        }
        Matcher m = find(text, "the optimised backward pass took (" + NUMBER + ")% of the naive one's time at batch (" + NUMBER
                + ") \\((" + NUMBER + ") µs instead of (" + NUMBER + ")\\) and (" + NUMBER + ")% at batch (" + NUMBER + ")");
        assertEquals(100 * backward[1] / backward[0], parse(m.group(1)), 1.0);
        assertEquals(backward[1], parse(m.group(3)), 1.0);
        assertEquals(backward[0], parse(m.group(4)), 1.0);
        assertEquals(100 * backward[3] / backward[2], parse(m.group(5)), 1.0);
        Matcher grew = find(text, "the optimised version's phases grew by:(.*)\\n");
        Matcher each = Pattern.compile("(\\w[\\w ]*?) ×(" + NUMBER + ");").matcher(grew.group(1));
        int checked = 0;
        while (each.find()) {
            int row = phases.rows().stream().map(r -> r.get(0)).toList().indexOf(each.group(1).strip());
            assertTrue(row >= 0, "no phase " + each.group(1));
            double small = parse(phases.rows().get(row).get(2)), large = parse(phases.rows().get(row).get(4));
            assertEquals(large / small, parse(each.group(2)), Math.max(0.6, 0.02 * large / small), "growth of " + each.group(1));
            checked++;
        }
        assertEquals(phases.rows().size(), checked);
        Matcher runs = Pattern.compile("naive (" + NUMBER + ") s, optimised (" + NUMBER + ") s \\((" + NUMBER + ")% of naive\\)").matcher(text);
        int lines = 0;
        while (runs.find()) {
            // The seconds are printed with two decimals: the percentage, from the exact times, lies within their rounding.
            double naive = parse(runs.group(1)), optimised = parse(runs.group(2)), percent = parse(runs.group(3));
            double low = 100 * Math.max(0, optimised - 0.005) / (naive + 0.005), high = 100 * (optimised + 0.005) / Math.max(1e-9, naive - 0.005);
            assertTrue(percent >= low - 0.5 && percent <= high + 0.5, "optimised " + optimised + " s is not " + percent + "% of naive " + naive + " s");
            lines++;
        }
        assertEquals(2, lines, "one line per batch size");
    }

    // ---- helpers ----

    private static Matcher find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return m;
    }

    static double number(String text, String regex) {
        return parse(find(text, regex).group(1));
    }

    private static double parse(String s) {
        return Double.parseDouble(s.replace(",", ""));
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double range(double[] v) {
        return Arrays.stream(v).max().orElseThrow() - Arrays.stream(v).min().orElseThrow();
    }
}
