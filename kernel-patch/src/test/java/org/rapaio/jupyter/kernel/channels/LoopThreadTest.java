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
    void aFailureAtStartUpStaysOutOfTheWarnings() throws InterruptedException {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(LoopThread.class.getSimpleName());
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { records.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        java.util.logging.Level before = logger.getLevel();
        logger.setLevel(java.util.logging.Level.ALL);
        logger.addHandler(capture);
        try {
            CountDownLatch secondCall = new CountDownLatch(1);
            AtomicInteger calls = new AtomicInteger();
            LoopThread t = new LoopThread("early", 1, () -> {
                if (calls.incrementAndGet() == 1) throw new NullPointerException("handlers is null");
                secondCall.countDown();
            });
            t.start();
            assertTrue(secondCall.await(10, TimeUnit.SECONDS), "the loop did not go on");
            t.shutdown();
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        assertFalse(records.isEmpty(), "the failure was not logged at all");
        assertTrue(records.stream().allMatch(r -> r.getLevel().intValue() < java.util.logging.Level.WARNING.intValue()),
                "a start-up failure reached WARNING: " + records.get(0).getMessage());
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
