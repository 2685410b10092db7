package dlnb.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One function of the student's tried on several inputs, worth some points: all inputs right earns the points.
 * The inputs run in order and the first wrong one is reported; an exception, a wrong result or the time limit
 * ends the check (an endless loop would only run into the limit again on the next input).
 */
public final class Check {
    private final String name;
    private final double points;
    private final List<Case<?>> cases = new ArrayList<>();

    public Check(String name, double points) {
        if (!(points > 0)) throw new IllegalArgumentException("a check is worth a positive number of points, got " + points);
        this.name = name;
        this.points = points;
    }

    public String name() {
        return name;
    }

    public double points() {
        return points;
    }

    public <T> Check input(Case<T> c) {
        cases.add(c);
        return this;
    }

    public Outcome run(Duration limit) {
        for (Case<?> c : cases) {
            String problem = attempt(c, limit);
            if (problem != null) return new Outcome(name, points, c.label(), problem, cases.size());
        }
        return new Outcome(name, points, null, null, cases.size());
    }

    /** What the check calls the student's code: its name up to a ':' or ',' ("adam" for "adam: first step"). */
    String subject() {
        int cut = name.length();
        for (char stop : new char[]{':', ','}) if (name.indexOf(stop) >= 0) cut = Math.min(cut, name.indexOf(stop));
        return name.substring(0, cut);
    }

    private <T> String attempt(Case<T> c, Duration limit) {
        Attempt<T> attempt = TimedCall.run(c.call(), limit);
        String what = subject();
        if (attempt.timedOut()) {
            return "your " + what + " did not finish within " + Numbers.show(limit.toMillis() / 1000.0)
                    + " s (an endless loop?); it was stopped and its other inputs were skipped";
        }
        if (attempt.error() != null) return StudentError.explain(what, attempt.error());
        try {
            return c.judge().apply(attempt.value());
        } catch (RuntimeException e) {
            return "your " + what + " returned something the check could not read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")";
        }
    }
}
