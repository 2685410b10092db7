package org.rapaio.jupyter.kernel.channels;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopThreadTest {

    @Test
    void theClassUnderTestIsOursNotRapaios() {
        String location = LoopThread.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertFalse(location.contains("rapaio-jupyter-kernel"), "loaded from " + location);
    }

    @Test
    void everyStartedLoopRunsItsBody() throws InterruptedException {
        // 3.0.1's loop ended before its first call whenever the new thread ran before start() returned.
        int loops = 300;
        CountDownLatch ran = new CountDownLatch(loops);
        List<LoopThread> threads = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            AtomicInteger calls = new AtomicInteger();
            LoopThread t = new LoopThread("loop-" + i, 1, () -> {
                if (calls.incrementAndGet() == 1) ran.countDown();
            });
            threads.add(t);
            t.start();
        }
        boolean all = ran.await(20, TimeUnit.SECONDS);
        threads.forEach(LoopThread::shutdown);
        assertTrue(all, (loops - ran.getCount()) + " of " + loops + " loops ran their body");
    }

    @Test
    void aBodyThatThrowsDoesNotEndTheLoop() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch thirdCall = new CountDownLatch(1);
        LoopThread t = new LoopThread("throwing", 1, () -> {
            int n = calls.incrementAndGet();
            if (n == 1) throw new NullPointerException("handlers is null (as before the kernel registered them)");
            if (n == 2) throw new AssertionError("an Error too");
            thirdCall.countDown();
        });
        t.start();
        boolean survived = thirdCall.await(10, TimeUnit.SECONDS);
        t.shutdown();
        assertTrue(survived, "the loop stopped after " + calls.get() + " call(s)");
    }

    @Test
    void loopsStartedByConnectWaitUntilItHasReturned() throws InterruptedException {
        Channels channels = new Channels();
        AtomicInteger tooEarly = new AtomicInteger();
        CountDownLatch shellRan = new CountDownLatch(1);
        CountDownLatch controlRan = new CountDownLatch(1);
        ShellChannel shell = new ShellChannel(() -> {
            if (!channels.handlersRegistered) tooEarly.incrementAndGet();
            shellRan.countDown();
        });
        ControlChannel control = new ControlChannel(() -> {
            if (!channels.handlersRegistered) tooEarly.incrementAndGet();
            controlRan.countDown();
        });
        channels.connect(shell, control, 300);
        boolean bothRan = shellRan.await(10, TimeUnit.SECONDS) && controlRan.await(10, TimeUnit.SECONDS);
        shell.loop.shutdown();
        control.loop.shutdown();
        assertTrue(bothRan, "a loop never ran");
        assertEquals(0, tooEarly.get(), "bodies ran before connect() had registered the handlers");
    }

    @Test
    void shellAndControlBodiesTakeTurns() throws InterruptedException {
        AtomicInteger inBody = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger controlCalls = new AtomicInteger();
        Runnable shellBody = () -> {
            inBody.incrementAndGet();
            sleepQuietly(20); // a short cell, well under the control loop's wait
            inBody.decrementAndGet();
        };
        Runnable controlBody = () -> {
            if (inBody.get() > 0) overlaps.incrementAndGet();
            controlCalls.incrementAndGet();
        };
        ShellChannel shell = new ShellChannel(shellBody);
        ControlChannel control = new ControlChannel(controlBody);
        new Channels().connect(shell, control, 0);
        Thread.sleep(1500);
        shell.loop.shutdown();
        control.loop.shutdown();
        assertTrue(controlCalls.get() > 10, "the control loop hardly ran: " + controlCalls.get() + " calls");
        assertEquals(0, overlaps.get(), "control ran while shell was in its body");
    }

    @Test
    void aLongShellBodyHoldsControlBackOnlyForTheWait() throws InterruptedException {
        CountDownLatch shellBusy = new CountDownLatch(1);
        CountDownLatch controlRan = new CountDownLatch(1);
        ShellChannel shell = new ShellChannel(() -> {
            shellBusy.countDown();
            sleepQuietly(5000); // a long-running cell: an interrupt on control must still get through
        });
        ControlChannel control = new ControlChannel(() -> {
            if (shellBusy.getCount() == 0) controlRan.countDown();
        });
        new Channels().connect(shell, control, 0);
        assertTrue(shellBusy.await(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        boolean ran = controlRan.await(4, TimeUnit.SECONDS);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        shell.loop.shutdown();
        control.loop.shutdown();
        shell.loop.interrupt();
        assertTrue(ran, "control never ran during a long shell body");
        assertTrue(waitedMillis < LoopThread.CONTROL_WAIT_MILLIS + 1500, "control waited " + waitedMillis + " ms");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shutdownEndsTheLoop() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        LoopThread t = new LoopThread("stopping", 1, calls::incrementAndGet);
        t.start();
        waitFor(() -> calls.get() > 0);
        t.shutdown();
        t.join(5000);
        assertFalse(t.isAlive(), "still running after shutdown()");
        int after = calls.get();
        Thread.sleep(50);
        assertEquals(after, calls.get(), "the body was called after the thread ended");
    }

    @Test
    void anInterruptEndsTheLoop() throws InterruptedException {
        LoopThread t = new LoopThread("interrupted", 20, () -> { });
        t.start();
        t.interrupt();
        t.join(5000);
        assertFalse(t.isAlive(), "still running after interrupt()");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 10 s");
            Thread.sleep(5);
        }
    }
}
