package dlnb.assignments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every real assignment, graded twice over: as handed out (every check must fail, saying "not written yet") and as
 * a perfect student would hand it in, the released copy with the teacher's solutions (every check must pass).
 */
class StudentCopiesIT {
    @Test
    void everyStubFailsWithItsMessageAndEverySolutionPasses(@TempDir Path work) throws Exception {
        Path release = work.resolve("release"), submitted = work.resolve("submitted");
        Assignments.ok(2, "release", release.toString());
        List<String> names;
        try (Stream<Path> files = Files.list(release)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String name : names) {
            Notebook handedOut = Notebook.read(release.resolve(name));
            handedOut.write(submitted.resolve("stub-" + name));
            handedOut.solvedFrom(Notebook.read(Assignments.ROOT.resolve("assignments").resolve(name))).write(submitted.resolve("solved-" + name));
        }
        Assignments.ok(20, "grade", submitted.toString(), "--release", release.toString(), "--jobs", "2",
                "--out", work.resolve("grades").toString());

        GradeTable t = GradeTable.read(work.resolve("grades.csv"));
        int checks = 0;
        for (String name : names) {
            List<List<String>> solved = t.of("solved-" + name), stub = t.of("stub-" + name);
            assertFalse(solved.isEmpty(), name);
            assertEquals(solved.size(), stub.size(), name);
            for (List<String> r : solved) {
                assertEquals(List.of(r.get(3), "passed"), List.of(r.get(2), r.get(4)), "solution of " + name + ", " + r.get(1));
                checks++;
            }
            for (List<String> r : stub) {
                assertEquals("0", r.get(2), "stub of " + name + ", " + r.get(1));
                assertTrue(r.get(4).contains("not written yet") && r.get(4).contains("still throws \"your code here\""),
                        "stub of " + name + ", " + r.get(1) + ": " + r.get(4));
            }
        }
        assertTrue(checks >= 12, checks + " checks");
    }
}
