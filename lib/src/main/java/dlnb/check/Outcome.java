package dlnb.check;

/** How one check went: its points, and what was wrong (null when it passed) on which input. */
public record Outcome(String name, double points, String failedOn, String problem, int inputsTried) {
    public boolean passed() {
        return problem == null;
    }

    public double earned() {
        return passed() ? points : 0;
    }

    /** The line the student reads. */
    public String line() {
        if (passed()) return "✔ " + name + ": passed (" + inputsTried + (inputsTried == 1 ? " input)" : " inputs)");
        return "✘ " + name + (failedOn == null ? "" : ", on " + failedOn) + ": " + problem;
    }
}
