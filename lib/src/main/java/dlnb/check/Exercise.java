package dlnb.check;

import dlnb.backend.Backend;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one locked check cell runs: its checks, one line each (passes on standard output, failures on standard
 * error, which Jupyter shows in red and nbgrader counts as a failed cell), then the {@link PointsLine} for the
 * grader. Nothing a student's code does makes it throw: the next cell always runs.
 */
public final class Exercise {
    private final String gradeId;
    private final List<Check> checks = new ArrayList<>();

    public Exercise(String gradeId) {
        PointsLine.format(gradeId, 0, 0); // validates the id
        this.gradeId = gradeId;
    }

    public Exercise add(Check check) {
        checks.add(check);
        return this;
    }

    public double maxPoints() {
        return checks.stream().mapToDouble(Check::points).sum();
    }

    /** Runs every check, prints their lines and the points line, and returns the points earned. */
    public double run() {
        return run(System.out, System.err, TimedCall.limit());
    }

    double run(PrintStream out, PrintStream err, Duration limit) {
        double earned = 0;
        try {
            Backend.init();
            for (Check check : checks) {
                Outcome outcome = check.run(limit);
                earned += outcome.earned();
                (outcome.passed() ? out : err).println(outcome.line());
                (outcome.passed() ? out : err).flush();
            }
        } catch (RuntimeException | LinkageError e) {
            err.println("✘ the check itself failed (" + e + "); tell your teacher");
        } finally {
            out.println(PointsLine.format(gradeId, earned, maxPoints()));
            out.flush();
        }
        return earned;
    }
}
