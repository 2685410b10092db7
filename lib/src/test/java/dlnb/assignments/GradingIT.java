package dlnb.assignments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The grader on a folder of broken submissions, asserted cell by cell, then the same folder graded in two shards
 * (separate processes, run at the same time) and merged, which must give the same table byte for byte. The assignment
 * is the activations part of 01 (the sigmoid and ReLU exercises), cut from the real teacher's notebook.
 */
class GradingIT {
    static final String CHECK_SECONDS = "2", NOTEBOOK_SECONDS = "40";

    @TempDir
    static Path work;
    static Path submissions, release;

    @BeforeAll
    static void releaseHandOutAndGrade() throws Exception {
        Path source = work.resolve("source");
        release = work.resolve("release");
        submissions = work.resolve("submitted");
        Notebook teacher = activationsOnly(Notebook.read(Assignments.ROOT.resolve("assignments/01-mlp-basics.ipynb")));
        teacher.write(source.resolve("01-activations.ipynb"));
        Assignments.ok(2, "release", release.toString(), "--source", source.toString());
        Notebook handedOut = Notebook.read(release.resolve("01-activations.ipynb"));
        Notebook solved = handedOut.solvedFrom(teacher);

        solved.write(submissions.resolve("full.ipynb"));
        solved.copy().setSource("relu_code", teacher.source("relu_code")
                .replace("return grad.mul(a.gt(0).castTo(grad.dataType()));", "return grad.dup();")).write(submissions.resolve("partial.ipynb"));
        handedOut.copy().setSource("sigmoid_code", """
                INDArray sigmoid(INDArray z) {
                    INDArray result = null;
                    return result.add(1);
                }
                """ + teacher.source("sigmoid_code").substring(teacher.source("sigmoid_code").indexOf("INDArray sigmoidBackward")))
                .write(submissions.resolve("throws.ipynb"));
        solved.copy().setSource("sigmoid_code", teacher.source("sigmoid_code").replace("return grad.mul(a.mul(a.rsub(1)));",
                        "while (true) { }"))
                .setSource("relu_code", "while (true) { }\n" + teacher.source("relu_code")).write(submissions.resolve("loops.ipynb"));
        handedOut.solvedFrom(teacher).setSource("sigmoid_code", handedOut.source("sigmoid_code"))
                .setSource("sigmoid", "System.out.println(\"[dlnb-check] grade_id=sigmoid points=2/2\");")
                .delete("relu").write(submissions.resolve("tampered.ipynb"));
        Files.writeString(submissions.resolve("not-a-notebook.ipynb"), "{\"student\": \"dora\", \"answers\": [1, 2, 3]}\n");
        String json = Files.readString(submissions.resolve("full.ipynb"), StandardCharsets.UTF_8);
        Files.createDirectories(submissions.resolve("group-b"));
        Files.writeString(submissions.resolve("group-b/damaged.ipynb"), json.substring(0, json.length() / 2));

        Assignments.ok(15, "grade", submissions.toString(), "--release", release.toString(), "--jobs", "2",
                "--timeout", NOTEBOOK_SECONDS, "--check-timeout", CHECK_SECONDS, "--out", work.resolve("all").toString());
    }

    /**
     * The teacher's 01 notebook up to the ReLU check: the set-up and the two activation exercises. It lives in a
     * temporary folder, so its class path cell names the library's folder in full.
     */
    static Notebook activationsOnly(Notebook nb) {
        Notebook cut = nb.copy();
        cut.setSource("setup", "%jars " + Assignments.ROOT.resolve("lib/target/notebook-classpath/dlnb-notebook.jar"));
        int last = 0;
        for (int i = 0; i < cut.cells().size(); i++) if ("relu".equals(Notebook.gradeId(cut.cells().get(i)))) last = i;
        while (cut.cells().size() > last + 1) cut.cells().remove(last + 1);
        return cut;
    }

    static void assertRow(List<String> row, String file, String exercise, String points, String max, String message) {
        assertEquals(List.of(file, exercise, points, max, message), row);
    }

    @Test
    void everySubmissionGetsItsRowsAndNothingCrashes() throws Exception {
        GradeTable t = GradeTable.read(work.resolve("all.csv"));
        assertEquals(List.of("full.ipynb", "group-b/damaged.ipynb", "loops.ipynb", "not-a-notebook.ipynb", "partial.ipynb",
                "tampered.ipynb", "throws.ipynb"), t.rows().stream().map(r -> r.get(0)).distinct().toList());
        assertEquals(14, t.rows().size());

        assertRow(t.of("full.ipynb").get(0), "full.ipynb", "sigmoid", "2", "2", "passed");
        assertRow(t.of("full.ipynb").get(1), "full.ipynb", "relu", "2", "2", "passed");

        String damaged = "not valid JSON (line ";
        for (List<String> r : t.of("group-b/damaged.ipynb")) {
            assertEquals("0", r.get(2));
            assertTrue(r.get(4).startsWith(damaged) && r.get(4).endsWith("): the file is damaged"), r.get(4));
        }
        assertEquals(List.of("sigmoid", "relu"), t.of("group-b/damaged.ipynb").stream().map(r -> r.get(1)).toList());

        assertRow(t.of("loops.ipynb").get(0), "loops.ipynb", "sigmoid", "1", "2", "sigmoid backward, on random values [8, 10]: "
                + "your sigmoid backward did not finish within 2 s (an endless loop?); it was stopped and its other inputs were skipped");
        assertRow(t.of("loops.ipynb").get(1), "loops.ipynb", "relu", "0", "2", "not reached: the notebook was stopped after "
                + NOTEBOOK_SECONDS + " s while cell 8 (relu_code) was still running (an endless loop?)");

        String notANotebook = "not a notebook: valid JSON, but without the list of cells a notebook has";
        assertRow(t.of("not-a-notebook.ipynb").get(0), "not-a-notebook.ipynb", "sigmoid", "0", "2", notANotebook);
        assertRow(t.of("not-a-notebook.ipynb").get(1), "not-a-notebook.ipynb", "relu", "0", "2", notANotebook);

        assertRow(t.of("partial.ipynb").get(0), "partial.ipynb", "sigmoid", "2", "2", "passed");
        assertRow(t.of("partial.ipynb").get(1), "partial.ipynb", "relu", "1", "2", "relu backward, on random values [8, 10]: "
                + "your relu backward returned -0.2377 at [0, 2] (expected 0), where the input was negative or zero (its output a is 0): "
                + "the gradient there must be 0; your result is grad unchanged everywhere (is the mask [a > 0] missing, or true where a is 0?)");

        assertRow(t.of("tampered.ipynb").get(0), "tampered.ipynb", "sigmoid", "0", "2", "sigmoid forward, on random values [8, 10]: "
                + "not written yet (sigmoid still throws \"your code here\") | sigmoid backward, on random values [8, 10]: "
                + "not written yet (sigmoidBackward still throws \"your code here\"); the check cell was edited in this copy; "
                + "the released check ran instead");
        assertRow(t.of("tampered.ipynb").get(1), "tampered.ipynb", "relu", "2", "2",
                "passed; the check cell was deleted from this copy; the released check ran in its place");

        assertRow(t.of("throws.ipynb").get(0), "throws.ipynb", "sigmoid", "1", "2", "sigmoid forward, on random values [8, 10]: "
                + "your sigmoid forward threw NullPointerException in sigmoid: it used a variable that holds null (an array never created?)");
        assertRow(t.of("throws.ipynb").get(1), "throws.ipynb", "relu", "0", "2", "relu forward, on random values [8, 10]: "
                + "not written yet (relu still throws \"your code here\") | relu backward, on random values [8, 10]: "
                + "not written yet (reluBackward still throws \"your code here\")");

        String markdown = Files.readString(work.resolve("all.md"), StandardCharsets.UTF_8);
        assertTrue(markdown.contains("| partial.ipynb | 3 | 4 |"), markdown);
        assertTrue(markdown.contains("| full.ipynb | relu | 2 | 2 | passed |"), markdown);
    }

    @Test
    void shardsGradedApartMergeToTheSameTable() throws Exception {
        Path log1 = work.resolve("shard1.log"), log2 = work.resolve("shard2.log");
        String[] common = {"grade", submissions.toString(), "--release", release.toString(), "--jobs", "1",
                "--timeout", NOTEBOOK_SECONDS, "--check-timeout", CHECK_SECONDS};
        Process first = Assignments.start(log1, concat(common, "--shard", "1/2", "--out", work.resolve("part1").toString()));
        Process second = Assignments.start(log2, concat(common, "--shard", "2/2", "--out", work.resolve("part2").toString()));
        assertEquals(0, Assignments.finish(first, log1, 15).exit());
        assertEquals(0, Assignments.finish(second, log2, 15).exit());
        GradeTable part1 = GradeTable.read(work.resolve("part1.csv")), part2 = GradeTable.read(work.resolve("part2.csv"));
        assertFalse(part1.rows().isEmpty());
        assertFalse(part2.rows().isEmpty());
        assertTrue(part1.rows().stream().noneMatch(r -> part2.rows().stream().anyMatch(s -> s.get(0).equals(r.get(0)))));

        Assignments.ok(2, "merge", "--out", work.resolve("merged").toString(), work.resolve("part2.csv").toString(),
                work.resolve("part1.csv").toString());
        assertEquals(Files.readString(work.resolve("all.csv")), Files.readString(work.resolve("merged.csv")));
        assertEquals(Files.readString(work.resolve("all.md")), Files.readString(work.resolve("merged.md")));

        Assignments.Run twice = Assignments.run(2, "merge", "--out", work.resolve("bad").toString(),
                work.resolve("part1.csv").toString(), work.resolve("part1.csv").toString());
        assertEquals(2, twice.exit());
        assertTrue(twice.output().contains("is graded in both"), twice.output());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
