package dlnb.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("weights.npz");
        AtomicFiles.write(target, "old".getBytes());
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("weights.npz"), names());
    }

    /** The name a writer with this process id on this host gives its temporary file (as TempFiles does). */
    private Path tempOf(String target, long pid) throws IOException {
        Path probe = TempFiles.create(dir.resolve(target));
        String name = probe.getFileName().toString();
        Files.delete(probe);
        String mine = "-" + ProcessHandle.current().pid() + ".";
        return dir.resolve(name.replace(mine, "-" + pid + "."));
    }

    @Test
    void aTemporaryFileOfAProcessThatDiedIsRemovedByTheNextWrite() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.writeString(tempOf("model.npz", gone.pid()), "half a model");
        Path otherTarget = Files.writeString(tempOf("other.npz", gone.pid()), "another file's");
        AtomicFiles.write(dir.resolve("model.npz"), "new".getBytes());
        assertFalse(Files.exists(stale), "the dead writer's file is removed");
        assertTrue(Files.exists(otherTarget), "only the written target's temporary files are looked at");
        assertEquals("new", Files.readString(dir.resolve("model.npz")));
    }

    @Test
    void aTemporaryFileOfALiveProcessOrOfThisOneOrOfAnotherHostIsLeftAlone() throws Exception {
        Process writer = new ProcessBuilder("sleep", "60").start();
        try {
            Path live = Files.writeString(tempOf("model.npz", writer.pid()), "being written");
            Path own = Files.writeString(tempOf("model.npz", ProcessHandle.current().pid()), "another thread's");
            String name = tempOf("model.npz", 1).getFileName().toString();
            Path otherHost = Files.writeString(dir.resolve(name.replaceFirst("\\.npz\\.[A-Za-z0-9-]+-1\\.", ".npz.elsewhere-1.")),
                    "a shared folder's");
            AtomicFiles.write(dir.resolve("model.npz"), "new".getBytes());
            assertTrue(Files.exists(live) && Files.exists(own) && Files.exists(otherHost), names().toString());
            writer.destroyForcibly().waitFor();
            AtomicFiles.write(dir.resolve("model.npz"), "newer".getBytes());
            assertFalse(Files.exists(live), "removed once its writer is gone");
            assertTrue(Files.exists(own) && Files.exists(otherHost));
        } finally {
            writer.destroyForcibly();
        }
    }

    @Test
    void aProcessIdReusedByALaterProcessDoesNotKeepAnOldTemporaryFile() throws Exception {
        Process later = new ProcessBuilder("sleep", "60").start();
        try {
            Path old = Files.writeString(tempOf("model.npz", later.pid()), "from a process that had this id before");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
            AtomicFiles.write(dir.resolve("model.npz"), "new".getBytes());
            assertFalse(Files.exists(old), "written an hour before its id's current process started: abandoned");
        } finally {
            later.destroyForcibly();
        }
    }

    @Test
    void writingBelowAFileSaysWhichFileIsInTheWay() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file.resolve("sub/model.npz"), new byte[1]));
        assertTrue(e.getMessage().contains(file + " is a file, not a folder"), e.getMessage());
    }

    @Test
    void writingOverAFolderIsRefusedAndKeepsTheFolder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("model.npz"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(folder, new byte[1]));
        assertTrue(e.getMessage().contains("it is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(folder));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
