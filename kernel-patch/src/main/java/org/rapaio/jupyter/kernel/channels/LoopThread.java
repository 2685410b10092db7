package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * dlnb's stand-in for rapaio-jupyter-kernel 3.0.1's class of this name: a thread that calls its body, pauses, and
 * calls it again until {@link #shutdown()}. The kernel's shell, control and heartbeat channels each poll their
 * socket in one. This jar comes before rapaio's on the kernel's class path, so the kernel loads this class instead.
 *
 * <p>Each difference from 3.0.1's answers a way the kernel was measured to hang:
 * <ul>
 *   <li><b>Running from the start.</b> The thread counts as running as soon as {@link #start()} is called. 3.0.1
 *       marked it running only after the thread had started; a thread scheduled at once saw "not running" and ended
 *       before its first poll.</li>
 *   <li><b>No request before the handlers.</b> {@code Channels.connect} starts the loops while binding the sockets
 *       and registers the message handlers only afterwards. A loop started from there waits until {@code connect}
 *       has returned before its first poll, so an early request (the notebook server sends just one kernel_info
 *       after a restart) waits in its socket instead of being read and lost.</li>
 *   <li><b>A failing body costs one call.</b> An exception is logged and the loop goes on; in 3.0.1 it ended the
 *       thread, and with it the channel.</li>
 *   <li><b>Shell and control take turns.</b> The kernel keeps the request being answered in one field shared by
 *       both channels, so a request on control (the notebook server sends kernel_info on both when a browser
 *       connects) while shell runs a cell sent that cell's reply to the wrong request: the cell stayed at
 *       {@code In [*]}. The shell loop's body now holds a lock that the control loop's body waits for, at most
 *       {@value #CONTROL_WAIT_MILLIS} ms: longer would hold back an interrupt of a long-running cell.</li>
 * </ul>
 */
public final class LoopThread extends Thread {
    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());
    private static final String CHANNELS = "org.rapaio.jupyter.kernel.channels.Channels";
    private static final String SHELL = "org.rapaio.jupyter.kernel.channels.ShellChannel";
    private static final String CONTROL = "org.rapaio.jupyter.kernel.channels.ControlChannel";
    /** Held by the shell loop's body; the control loop's body waits for it. */
    private static final ReentrantLock MESSAGE_TURN = new ReentrantLock();
    static final long CONTROL_WAIT_MILLIS = 1000;
    /** The longest wait for {@code Channels.connect} to return; past it the loop starts anyway. */
    private static final long CONNECT_WAIT_MILLIS = 10_000;
    /** Failures logged one by one before the log switches to one line per thousand. */
    private static final int FAILURES_LOGGED_IN_FULL = 3;

    private enum Role { SHELL, CONTROL, OTHER }

    private final long pauseMillis;
    private final Runnable body;
    private volatile boolean running;
    private long failures;
    private Role role = Role.OTHER;
    private Thread connectingThread;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.pauseMillis = sleep;
        this.body = loopBody;
    }

    @Override
    public synchronized void start() {
        // Who starts the loop tells what it is for: the kernel calls start() from ShellChannel.bind or
        // ControlChannel.bind, inside Channels.connect.
        StackTraceElement[] caller = Thread.currentThread().getStackTrace();
        if (calls(caller, SHELL, "bind")) role = Role.SHELL;
        else if (calls(caller, CONTROL, "bind")) role = Role.CONTROL;
        if (calls(caller, CHANNELS, "connect")) connectingThread = Thread.currentThread();
        running = true;
        super.start();
    }

    @Override
    public void run() {
        if (!awaitConnected()) return;
        while (running) {
            try {
                runBodyInTurn();
            } catch (InterruptedException e) {
                running = false;
                return;
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

    private void runBodyInTurn() throws InterruptedException {
        boolean locked = switch (role) {
            case SHELL -> {
                MESSAGE_TURN.lockInterruptibly();
                yield true;
            }
            case CONTROL -> MESSAGE_TURN.tryLock(CONTROL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            case OTHER -> false;
        };
        try {
            body.run();
        } finally {
            if (locked) MESSAGE_TURN.unlock();
        }
    }

    /** Waits until the thread that started this loop has left Channels.connect; false when shut down meanwhile. */
    private boolean awaitConnected() {
        if (connectingThread == null) return running;
        long deadline = System.currentTimeMillis() + CONNECT_WAIT_MILLIS;
        while (running && connectingThread.isAlive() && calls(connectingThread.getStackTrace(), CHANNELS, "connect")) {
            if (System.currentTimeMillis() > deadline) {
                LOGGER.warning(getName() + ": the kernel's channels took over " + CONNECT_WAIT_MILLIS / 1000
                        + " s to connect; polling anyway");
                break;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return running;
    }

    private static boolean calls(StackTraceElement[] stack, String className, String method) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) return true;
        }
        return false;
    }

    private void reportFailure(Throwable t) {
        failures++;
        if (failures > FAILURES_LOGGED_IN_FULL && failures % 1000 != 0) return;
        LOGGER.warning(getName() + ": dropped one message after " + t + " (failure " + failures
                + "); the channel keeps running");
        LOGGER.log(Level.FINE, getName() + ": stack trace of failure " + failures, t);
    }
}
