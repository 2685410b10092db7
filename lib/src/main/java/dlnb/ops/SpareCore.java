package dlnb.ops;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A second thread for work the calling thread hands over and collects microseconds later: half of a matrix product,
 * or, in the background, the pieces of the next batch's gather during a training step. It runs one job at a time:
 * an urgent one (the product's half, which its owner waits for within microseconds) before any background piece. A
 * job still waiting when its owner comes for it is run by the owner.
 * <p>
 * After each job the thread polls for the next, yielding its core to any other runnable thread, for
 * {@link #POLL_NANOS} before it sleeps. On this project's 2-core virtual machine, waking a sleeping thread took
 * 30-460 µs (from the hand-over of a 100-row gather to the start of its run), longer than the job; a polling thread
 * starts within microseconds. The waiting side polls too, yielding, since it has nothing else to do: while the
 * JIT's compiler threads are busy, the job's thread may be waiting for that very core.
 */
public final class SpareCore {
    /** How long the thread polls for the next job: longer than a small-batch training step (W1's is about 1 ms). */
    static final long POLL_NANOS = 3_000_000;
    private static final Worker WORKER = new Worker();

    private SpareCore() {
    }

    /** A job handed to the spare core: wait for it with {@link #await()} before using what it writes. */
    public static final class Job {
        private final Runnable body;
        private volatile boolean done;
        private volatile Throwable failure;

        private Job(Runnable body) {
            this.body = body;
        }

        private void run() {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            }
            done = true;
        }

        /**
         * Waits until the job has run, or runs it here if the spare core has not started it yet (it is still busy
         * with the job before); rethrows what it threw.
         */
        public void await() {
            if (WORKER.takeBack(this)) run();
            while (!done) Thread.yield();
            if (failure instanceof RuntimeException r) throw r;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException(failure);
        }
    }

    /**
     * Whether the calling thread may hand work over: it is not the spare core itself, and its OpenMP count says it
     * may use more than one core (the threads of parallel training runs keep to one core each, as do the parts of
     * a {@link BatchSplit}).
     */
    public static boolean availableHere() {
        return Thread.currentThread() != WORKER && Nd4j.getEnvironment().isCPU()
                && NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads() > 1;
    }

    /**
     * Hands {@code body} to the spare core, to run before any background job that has not started (called on the
     * spare core itself, it runs at once).
     */
    public static Job submit(Runnable body) {
        return WORKER.submit(body);
    }

    /** Hands {@code body} to the spare core, to run when no urgent job waits, after the background jobs before it. */
    public static Job submitInBackground(Runnable body) {
        Job job = new Job(body);
        if (Thread.currentThread() == WORKER) {
            job.run();
            return job;
        }
        WORKER.background.add(job);
        LockSupport.unpark(WORKER);
        return job;
    }

    /** The one thread: runs jobs in turn, polls for the next for a while, then parks until one comes. */
    private static final class Worker extends Thread {
        private final AtomicReference<Job> next = new AtomicReference<>();
        private final ConcurrentLinkedQueue<Job> background = new ConcurrentLinkedQueue<>();

        Worker() {
            super("dlnb-spare-core");
            setDaemon(true);
            start();
        }

        Job submit(Runnable body) {
            Job job = new Job(body);
            if (Thread.currentThread() == this) { // a job handing work on: nobody else would empty the slot
                job.run();
                return job;
            }
            while (!next.compareAndSet(null, job)) Thread.yield(); // another urgent job has not been picked up yet
            LockSupport.unpark(this);
            return job;
        }

        /** Takes back a job the thread has not picked up yet: true when the caller now has to run it. */
        boolean takeBack(Job job) {
            return next.compareAndSet(job, null) || background.remove(job);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Job job = next.getAndSet(null);
                if (job == null) job = background.poll();
                if (job != null) {
                    job.run();
                    Thread.interrupted(); // a job's interrupt must not turn park into a spin
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < POLL_NANOS) {
                    Thread.yield();
                } else {
                    LockSupport.park(this);
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
