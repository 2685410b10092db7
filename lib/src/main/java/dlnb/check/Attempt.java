package dlnb.check;

/** How one call of a student's code ended: with a value, with an exception, or not within the time limit. */
public record Attempt<T>(T value, Throwable error, boolean timedOut) {
    static <T> Attempt<T> returned(T value) {
        return new Attempt<>(value, null, false);
    }

    static <T> Attempt<T> threw(Throwable error) {
        return new Attempt<>(null, error, false);
    }

    static <T> Attempt<T> timeout() {
        return new Attempt<>(null, null, true);
    }

    public boolean returned() {
        return error == null && !timedOut;
    }
}
