package dlnb.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file completely or not at all: the bytes go to a temporary file beside the target, which then replaces
 * the target in one rename. A crash or an error halfway leaves the old file (or no file) and no partial one; a
 * temporary file that a killed process left behind is removed by the next write of the same target (see
 * {@link TempFiles}).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's contents to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static Path write(Path target, byte[] bytes) throws IOException {
        return write(target, out -> out.write(bytes));
    }

    public static Path write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getFileName() == null) throw new IOException("cannot write to " + absolute + ": give a file name");
        if (Files.isDirectory(absolute)) {
            throw new IOException("cannot write " + absolute + ": it is a folder; give a file name, e.g. "
                    + absolute.resolve("model.npz"));
        }
        createFolder(absolute);
        TempFiles.removeAbandoned(absolute);
        Path temp;
        try {
            temp = TempFiles.create(absolute);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write " + absolute + ": no permission to create files in " + absolute.getParent(), e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.writeTo(out);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return absolute;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates the target's folder and its parents, saying which one is in the way when a file holds its name. */
    private static void createFolder(Path target) throws IOException {
        Path dir = target.getParent();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !Files.isDirectory(existing)) {
            throw new IOException("cannot write " + target + ": " + existing + " is a file, not a folder;"
                    + " choose another folder, or move that file away");
        }
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write " + target + ": no permission to create the folder " + e.getFile(), e);
        }
    }
}
