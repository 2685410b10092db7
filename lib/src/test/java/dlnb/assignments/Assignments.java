package dlnb.assignments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs environment/assignments.sh as a teacher would, and returns what it printed. */
final class Assignments {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve("environment/assignments.sh");

    record Run(int exit, String output) {
    }

    private Assignments() {
    }

    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    static Run finish(Process p, Path log, long minutes) throws IOException, InterruptedException {
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("assignments.sh still running after " + minutes + " minutes:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(out);
        return new Run(p.exitValue(), out);
    }

    static Run run(long minutes, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("assignments-", ".log");
        try {
            return finish(start(log, args), log, minutes);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Run ok(long minutes, String... args) throws IOException, InterruptedException {
        Run r = run(minutes, args);
        if (r.exit() != 0) throw new AssertionError("assignments.sh " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.output());
        return r;
    }
}
