package dlnb.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the tests in a JVM of its own, on the test classpath, so that a crash in native code (a
 * SIGSEGV in ND4J) fails the test that started it instead of killing the whole test run.
 */
public final class ForkedJvm {
    private ForkedJvm() {
    }

    /** What the child printed (stdout and stderr together) and how it ended. */
    public record Result(int exitCode, String output) {
        /** True when the JVM itself died (signal, or the JVM's fatal error report) rather than exiting. */
        public boolean crashed() {
            return exitCode > 128 || output.contains("A fatal error has been detected by the Java Runtime Environment");
        }

        public String describe() {
            return "exit code " + exitCode + (crashed() ? " (JVM crash)" : "") + ", output:\n" + output;
        }
    }

    /** Starts {@code main} with these JVM options and arguments; the caller waits on (or kills) the process. */
    public static Process start(Class<?> main, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:-UsePerfData");
        command.add("-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + File.separator + "dlnb-forked-hs_err_%p.log");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Runs {@code main} to its end (killing it after {@code timeout}) and returns its output and exit code. */
    public static Result run(Class<?> main, Duration timeout, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Process p = start(main, jvmOptions, args);
        Path log = Files.createTempFile("dlnb-forked", ".log");
        try {
            Thread drain = new Thread(() -> {
                try {
                    Files.copy(p.getInputStream(), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    // the process ended
                }
            });
            drain.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                drain.join();
                return new Result(-1, "timed out after " + timeout + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            drain.join();
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The test classpath: surefire passes it to its forked JVM as a property (java.class.path may be a booter jar). */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
