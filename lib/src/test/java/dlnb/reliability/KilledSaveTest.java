package dlnb.reliability;

import dlnb.model.Sequential;
import dlnb.nn.Dense;
import dlnb.testing.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A process killed (SIGKILL) in the middle of saving a large model: the file it was replacing still loads, and the
 * temporary file it leaves is gone after the next save.
 */
class KilledSaveTest {
    @TempDir
    Path dir;

    @Test
    void aSaveKilledMidwayLeavesThePreviousFileAndTheNextSaveRemovesItsTemporaryFile() throws Exception {
        Path target = dir.resolve("model.npz");
        Sequential previous = new Sequential(new Dense(1000), new Dense(10)).seed(1).input(2000).build();
        previous.save(target);
        Process saver = ForkedJvm.start(SaveUntilKilled.class, List.of("-Xmx768m"), target.toString());
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (temporaryFiles().stream().noneMatch(f -> size(f) > 0)) {
                if (!saver.isAlive()) fail("the saving JVM ended: " + new String(saver.getInputStream().readAllBytes()));
                if (System.nanoTime() > deadline) fail("the saving JVM wrote no temporary file within two minutes");
                Thread.sleep(2);
            }
            saver.destroyForcibly().waitFor();
        } finally {
            saver.destroyForcibly();
        }
        List<Path> left = temporaryFiles();
        assertEquals(1, left.size(), "the killed save leaves its temporary file: " + left);
        // Usually the kill lands in the child's first save; under heavy load it may land in a later one, whose
        // previous file is then the child's own complete save.
        float[] loaded = Sequential.load(target).flatParams().toFloatVector();
        float[] childs = SaveUntilKilled.model().flatParams().toFloatVector();
        assertTrue(Arrays.equals(previous.flatParams().toFloatVector(), loaded) || Arrays.equals(childs, loaded),
                "the file the killed save was replacing is intact");

        previous.save(target);
        assertEquals(List.of(), temporaryFiles(), "the next save removed the killed save's temporary file");
        assertEquals(List.of(target), files());
        Sequential.load(target);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        return files().stream().filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
