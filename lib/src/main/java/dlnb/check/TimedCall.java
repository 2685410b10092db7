package dlnb.check;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs student code in a thread of its own and waits at most a time limit, so an endless loop cannot hang the
 * notebook. A thread still running at the limit is interrupted, then stopped (Thread.stop, which Java 17 still
 * honours; later JDKs refuse it and the thread is abandoned as a daemon).
 * The limit is {@code DLNB_CHECK_SECONDS} (environment) or {@code -Ddlnb.check.seconds}, default 10 seconds.
 */
public final class TimedCall {
    static final double DEFAULT_SECONDS = 10;

    private TimedCall() {
    }

    public static Duration limit() {
        String value = System.getProperty("dlnb.check.seconds", System.getenv("DLNB_CHECK_SECONDS"));
        double seconds = DEFAULT_SECONDS;
        if (value != null && !value.isBlank()) {
            try {
                seconds = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                seconds = DEFAULT_SECONDS;
            }
        }
        if (!(seconds > 0)) seconds = DEFAULT_SECONDS;
        return Duration.ofMillis((long) (seconds * 1000));
    }

    public static <T> Attempt<T> run(Callable<T> code, Duration limit) {
        AtomicReference<Attempt<T>> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(Attempt.returned(code.call()));
            } catch (Throwable t) {
                outcome.set(Attempt.threw(t));
            }
        }, "dlnb-check-student-code");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(Math.max(1, limit.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            stop(worker);
            return Attempt.timeout();
        }
        Attempt<T> result = outcome.get();
        return result != null ? result : Attempt.threw(new IllegalStateException("the student code ended without a result"));
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static void stop(Thread worker) {
        worker.interrupt();
        try {
            worker.join(200);
            if (!worker.isAlive()) return;
            worker.stop();
            worker.join(1000);
        } catch (UnsupportedOperationException e) {
            // Java 20 and later: the thread cannot be stopped; it is a daemon and is left behind.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
