package dlnb.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden temporary files {@link AtomicFiles} writes beside a target, named after the process writing them:
 * {@code .<target>.<host>-<pid>.<random>.part}. A process killed while writing leaves its file behind; the next
 * write of the same target removes it, and removes only files it can prove abandoned: written on this host, by a
 * process that no longer runs (or whose process id now belongs to a process started after the file was last
 * written). A file of a live process, of this process (another thread may be writing), or of another host (a shared
 * folder) is left alone.
 */
final class TempFiles {
    private static final String SUFFIX = ".part";
    /** Process start times come from the kernel with about a second of uncertainty. */
    private static final Duration START_TIME_SLACK = Duration.ofSeconds(2);
    private static final long PID = ProcessHandle.current().pid();
    private static final String HOST = hostTag();

    private TempFiles() {
    }

    /** A new, empty temporary file for {@code target} in its folder. */
    static Path create(Path target) throws IOException {
        while (true) {
            String random = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
            Path temp = target.resolveSibling("." + stem(target) + "." + HOST + "-" + PID + "." + random + SUFFIX);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // another random name
            }
        }
    }

    /** Deletes the temporary files of {@code target} that processes killed while writing left behind. */
    static void removeAbandoned(Path target) {
        Pattern own = Pattern.compile(Pattern.quote("." + stem(target) + ".") + "([A-Za-z0-9-]+)-(\\d+)\\.[0-9a-z]+"
                + Pattern.quote(SUFFIX));
        DirectoryStream.Filter<Path> temporary = p -> own.matcher(p.getFileName().toString()).matches();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(), temporary)) {
            for (Path file : files) {
                Matcher m = own.matcher(file.getFileName().toString());
                if (m.matches() && m.group(1).equals(HOST) && abandoned(Long.parseLong(m.group(2)), file)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Tidying up is a courtesy: it must never make the write itself fail.
        }
    }

    /** The target's name, shortened so the temporary name stays within the usual 255-byte limit. */
    private static String stem(Path target) {
        String name = target.getFileName().toString();
        return name.length() > 120 ? name.substring(0, 120) : name;
    }

    private static boolean abandoned(long pid, Path file) throws IOException {
        if (pid == PID) return false;
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return true;
        Optional<Instant> started = process.get().info().startInstant();
        Instant written = Files.getLastModifiedTime(file).toInstant();
        return started.isPresent() && started.get().isAfter(written.plus(START_TIME_SLACK));
    }

    /** This host's name, reduced to letters, digits and '-', so it cannot be confused with the rest of the name. */
    private static String hostTag() {
        String name = null;
        try {
            Path kernel = Paths.get("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) name = Files.readString(kernel).trim();
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        if (name == null || name.isEmpty()) name = System.getenv().getOrDefault("HOSTNAME", System.getenv("COMPUTERNAME"));
        if (name == null || name.isEmpty()) name = "localhost";
        String tag = name.replaceAll("[^A-Za-z0-9-]", "-");
        return tag.length() > 40 ? tag.substring(0, 40) : tag;
    }
}
