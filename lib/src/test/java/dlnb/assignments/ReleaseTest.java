package dlnb.assignments;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** `assignments.sh release` on the real teacher's notebooks: solutions stripped, outputs cleared, checks locked. */
class ReleaseTest {
    static final Path SOURCES = Assignments.ROOT.resolve("assignments");
    static final String STUB = "throw new UnsupportedOperationException(\"your code here\");";

    @TempDir
    static Path out;
    static List<String> names;

    @BeforeAll
    static void release() throws Exception {
        Assignments.ok(2, "release", out.toString());
        try (Stream<Path> files = Files.list(SOURCES)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(names.size() >= 5, "assignments: " + names);
    }

    @Test
    void everyTutorialFrom01To05HasItsAssignment() throws IOException {
        List<String> tutorials;
        try (Stream<Path> files = Files.list(Assignments.ROOT.resolve("notebooks"))) {
            tutorials = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("0[1-5]-.*\\.ipynb")).sorted().toList();
        }
        assertEquals(5, tutorials.size(), tutorials.toString());
        assertEquals(tutorials, names);
    }

    @Test
    void everySourceHasAStudentCopyWithoutSolutions() throws IOException {
        for (String name : names) {
            Notebook source = Notebook.read(SOURCES.resolve(name)), copy = Notebook.read(out.resolve(name));
            assertFalse(Files.readString(out.resolve(name)).contains("SOLUTION"), name + " still holds a solution marker");
            assertFalse(copy.solutionIds().isEmpty(), name);
            for (String id : copy.solutionIds()) {
                String original = source.source(id), stripped = copy.source(id);
                assertTrue(stripped.contains(STUB), name + "/" + id + ": " + stripped);
                String answer = between(original, "// BEGIN SOLUTION", "// END SOLUTION").strip().lines().findFirst().orElseThrow();
                assertFalse(stripped.contains(answer.strip()), name + "/" + id + " still holds " + answer);
                String signature = original.lines().findFirst().orElseThrow();
                assertEquals(signature, stripped.lines().findFirst().orElseThrow(), "the method's signature is kept");
            }
            assertEquals(name.replace(".ipynb", ""), copy.root.path("metadata").path("dlnb").path("assignment").asText());
        }
    }

    @Test
    void outputsAreClearedAndLockedCellsCarryNbgradersChecksum() throws Exception {
        int checks = 0;
        for (String name : names) {
            for (JsonNode cell : Notebook.read(out.resolve(name)).cells()) {
                if (cell.path("cell_type").asText().equals("code")) {
                    assertEquals(0, cell.path("outputs").size(), name);
                    assertTrue(cell.path("execution_count").isNull(), name);
                }
                JsonNode nbg = cell.path("metadata").path("nbgrader");
                if (nbg.isMissingNode()) continue;
                assertEquals(3, nbg.path("schema_version").asInt(), name);
                boolean grade = nbg.path("grade").asBoolean(), solution = nbg.path("solution").asBoolean();
                boolean locked = !solution && (grade || nbg.path("locked").asBoolean());
                assertEquals(nbgraderChecksum(cell, grade, solution, locked), nbg.path("checksum").asText(), name + "/" + Notebook.gradeId(cell));
                assertEquals(cell.path("cell_type").asText(), nbg.path("cell_type").asText());
                assertFalse(cell.path("metadata").path("deletable").asBoolean(true), name + "/" + Notebook.gradeId(cell) + " is deletable");
                assertEquals(!locked, cell.path("metadata").path("editable").asBoolean(true), name + "/" + Notebook.gradeId(cell));
                if (grade) {
                    checks++;
                    assertTrue(nbg.path("points").asDouble() > 0);
                    assertTrue(nbg.path("locked").asBoolean());
                }
            }
        }
        assertTrue(checks >= 12, checks + " check cells");
    }

    @Test
    void theClasspathCellPointsAtTheLibraryFromTheReleaseFolder() throws IOException {
        Pattern jars = Pattern.compile("%jars (\\S+)");
        for (String name : names) {
            Matcher m = jars.matcher(Notebook.read(out.resolve(name)).source("setup"));
            assertTrue(m.find(), name);
            assertEquals(Assignments.ROOT.resolve("lib/target/notebook-classpath/dlnb-notebook.jar"), out.resolve(m.group(1)).normalize(), name);
        }
    }

    @Test
    void anUnclosedSolutionFailsBeforeAnythingIsWritten(@TempDir Path broken, @TempDir Path target) throws Exception {
        Notebook nb = Notebook.read(SOURCES.resolve(names.get(0)));
        String id = nb.solutionIds().get(0);
        String text = nb.source(id), end = "// END SOLUTION";
        int last = text.lastIndexOf(end);
        nb.setSource(id, text.substring(0, last) + text.substring(last + end.length()));   // the cell's last region left open
        nb.write(broken.resolve("a.ipynb"));
        Files.copy(SOURCES.resolve(names.get(1)), broken.resolve("b.ipynb"));
        Assignments.Run r = Assignments.run(2, "release", target.toString(), "--source", broken.toString());
        assertEquals(2, r.exit());
        assertTrue(r.output().contains("a.ipynb, cell"), r.output());
        assertTrue(r.output().contains("BEGIN SOLUTION without END SOLUTION"), r.output());
        try (Stream<Path> written = Files.list(target)) {
            assertEquals(0, written.count(), "a failed release wrote files");
        }
    }

    @Test
    void neverOverwritesATutorial(@TempDir Path target) throws Exception {
        Path tutorial = target.resolve(names.get(0));
        Files.copy(Assignments.ROOT.resolve("notebooks").resolve(names.get(0)), tutorial);
        byte[] before = Files.readAllBytes(tutorial);
        Assignments.Run r = Assignments.run(2, "release", target.toString());
        assertEquals(2, r.exit());
        assertTrue(r.output().contains("exists and is not a student copy"), r.output());
        assertArrayEquals(before, Files.readAllBytes(tutorial));
        try (Stream<Path> written = Files.list(target)) {
            assertEquals(1, written.count(), "a refused release wrote files");
        }
        Assignments.ok(2, "release", out.toString());   // an earlier release is replaced without a word
    }

    /** nbgrader's recipe, written again here: MD5 of source, cell type, the three flags, grade id, points if graded. */
    static String nbgraderChecksum(JsonNode cell, boolean grade, boolean solution, boolean locked) throws NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        StringBuilder s = new StringBuilder(Notebook.source(cell)).append(cell.path("cell_type").asText())
                .append(grade ? "True" : "False").append(solution ? "True" : "False").append(locked ? "True" : "False")
                .append(Notebook.gradeId(cell));
        if (grade) s.append(cell.path("metadata").path("nbgrader").path("points").asDouble());
        return HexFormat.of().formatHex(md5.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String between(String text, String from, String to) {
        int a = text.indexOf(from), b = text.indexOf(to, a);
        return text.substring(a + from.length(), b);
    }
}
