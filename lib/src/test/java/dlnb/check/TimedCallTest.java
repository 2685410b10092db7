package dlnb.check;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class TimedCallTest {
    @Test
    void returnsTheValue() {
        Attempt<Integer> a = TimedCall.run(() -> 6 * 7, Duration.ofSeconds(5));
        assertTrue(a.returned());
        assertEquals(42, a.value());
    }

    @Test
    void keepsTheException() {
        Attempt<Object> a = TimedCall.run(() -> {
            throw new UnsupportedOperationException("your code here");
        }, Duration.ofSeconds(5));
        assertFalse(a.returned());
        assertInstanceOf(UnsupportedOperationException.class, a.error());
    }

    @Test
    void stopsAnEndlessLoopAtTheLimit() throws InterruptedException {
        long start = System.nanoTime();
        Attempt<Object> a = TimedCall.run(() -> {
            long spins = 0;
            while (spins >= 0) spins++; // no interrupt check: only Thread.stop ends it
            return spins;
        }, Duration.ofMillis(300));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(a.timedOut());
        assertTrue(seconds < 3, "took " + seconds + " s");
        Thread.sleep(100);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("dlnb-check-student-code") && t.isAlive()), "the looping thread still runs");
    }

    @Test
    void limitComesFromTheSystemProperty() {
        System.setProperty("dlnb.check.seconds", "2.5");
        try {
            assertEquals(Duration.ofMillis(2500), TimedCall.limit());
        } finally {
            System.clearProperty("dlnb.check.seconds");
        }
    }
}
