package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * dlnb's stand-in for rapaio-jupyter-kernel 3.0.1's class of this name: a thread that calls its body, pauses, and
 * calls it again until {@link #shutdown()}. The kernel's shell, control and heartbeat channels each poll their
 * socket in one. This jar comes before rapaio's on the kernel's class path, so the kernel loads this class instead.
 *
 * <p>It differs from 3.0.1's in two ways, both of which left a kernel that never answers:
 * <ul>
 *   <li>The thread counts as running from the moment {@link #start()} is called. 3.0.1 marked it running only after
 *       the thread had started; a thread scheduled at once saw "not running" and ended before its first poll.</li>
 *   <li>A body that throws costs that one call, not the thread: the failure is logged and the loop goes on. In 3.0.1
 *       a request that arrived before the kernel had registered its handlers threw a NullPointerException that ended
 *       the shell loop; now the request is dropped and Jupyter's next kernel_info request is answered.</li>
 * </ul>
 */
public final class LoopThread extends Thread {
    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());
    /** Failures logged one by one before the log switches to one line per thousand. */
    private static final int FAILURES_LOGGED_IN_FULL = 3;
    /**
     * How long after start a failure is taken for the start-up race (a request that came before the kernel had
     * registered its handlers, which Jupyter sends again): logged at FINE only, so the terminal stays quiet.
     */
    private static final long START_UP_MILLIS = 15_000;

    private final long pauseMillis;
    private final Runnable body;
    private volatile boolean running;
    private long failures;
    private long startedAt;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.pauseMillis = sleep;
        this.body = loopBody;
    }

    @Override
    public synchronized void start() {
        startedAt = System.currentTimeMillis();
        running = true;
        super.start();
    }

    @Override
    public void run() {
        while (running) {
            try {
                body.run();
            } catch (Throwable t) {
                // A dead loop is a kernel that hangs for good; anything is better, so every failure is survived.
                if (!running) return; // the channel was closed under the body: a normal shutdown
                reportFailure(t);
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    public void shutdown() {
        running = false;
    }

    private void reportFailure(Throwable t) {
        failures++;
        if (failures > FAILURES_LOGGED_IN_FULL && failures % 1000 != 0) return;
        boolean startingUp = System.currentTimeMillis() - startedAt < START_UP_MILLIS;
        LOGGER.log(startingUp ? Level.FINE : Level.WARNING, getName() + ": dropped one message after " + t
                + " (failure " + failures + (startingUp ? ", at start-up" : "") + "); the channel keeps running");
        LOGGER.log(Level.FINE, getName() + ": stack trace of failure " + failures, t);
    }
}
