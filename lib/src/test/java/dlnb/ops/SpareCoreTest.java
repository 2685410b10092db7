package dlnb.ops;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpareCoreTest {
    @Test
    void aJobRunsOnTheOtherThreadAndItsWritesAreSeenAfterAwait() throws InterruptedException {
        int[] written = new int[1000];
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        SpareCore.Job job = SpareCore.submit(() -> {
            ranOn.set(Thread.currentThread());
            for (int i = 0; i < written.length; i++) written[i] = i * i;
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS)); // not calling await first, which could take the job back
        job.await();
        assertNotEquals(Thread.currentThread(), ranOn.get());
        for (int i = 0; i < written.length; i++) assertEquals(i * i, written[i]);
    }

    @Test
    void whatAJobThrowsIsThrownByAwait() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad rows");
        SpareCore.Job job = SpareCore.submit(() -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(IllegalArgumentException.class, job::await));
        // the thread carries on with the next job
        boolean[] ran = new boolean[1];
        SpareCore.submit(() -> ran[0] = true).await();
        assertTrue(ran[0]);
    }

    @Test
    void aJobStillQueuedWhenItsOwnerComesForItRunsOnTheOwner() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        SpareCore.Job busy = SpareCore.submit(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            AtomicReference<Thread> urgent = new AtomicReference<>(), background = new AtomicReference<>();
            SpareCore.Job queued = SpareCore.submit(() -> urgent.set(Thread.currentThread()));
            SpareCore.Job piece = SpareCore.submitInBackground(() -> background.set(Thread.currentThread()));
            queued.await();
            piece.await();
            assertSame(Thread.currentThread(), urgent.get(), "the queued job waited behind the busy one instead of running here");
            assertSame(Thread.currentThread(), background.get(), "the background job waited behind the busy one");
        } finally {
            release.countDown();
        }
        busy.await();
    }

    @Test
    void workHandedOnByAJobRunsAtOnceInsteadOfWaitingForTheThreadItIsOn() throws InterruptedException {
        int[] ran = new int[1];
        CountDownLatch done = new CountDownLatch(1);
        SpareCore.Job outer = SpareCore.submit(() -> {
            SpareCore.submit(() -> ran[0]++);
            SpareCore.submit(() -> ran[0]++); // a second urgent job before the first was awaited: must not hang
            SpareCore.submitInBackground(() -> ran[0]++).await();
            done.countDown();
        });
        assertTrue(done.await(10, TimeUnit.SECONDS), "the spare core hung on work it handed itself");
        outer.await();
        assertEquals(3, ran[0]);
    }

    @Test
    void theSpareCoreCannotHandWorkToItself() throws InterruptedException {
        boolean[] available = {true};
        CountDownLatch ran = new CountDownLatch(1);
        SpareCore.Job job = SpareCore.submit(() -> {
            available[0] = SpareCore.availableHere();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        job.await();
        assertFalse(available[0]);
    }
}
