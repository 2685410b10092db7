package dlnb.model;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelRunsTest {
    private static ParallelRuns.Run sleeping(long millis) {
        return progress -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return History.of(List.of());
        };
    }

    @Test
    void returnsHistoriesInTheOrderGivenAndStopsTheClockOfFinishedRuns() {
        var runs = new LinkedHashMap<String, ParallelRuns.Run>();
        runs.put("slow", sleeping(2500));
        runs.put("fast", sleeping(10));
        AtomicReference<Table> last = new AtomicReference<>();

        var histories = new ParallelRuns(runs, 1).parallelism(2).run(last::set);

        assertEquals(List.of("slow", "fast"), List.copyOf(histories.keySet()));
        Table table = last.get();
        double slow = table.doubleColumn("seconds").get(0), fast = table.doubleColumn("seconds").get(1);
        assertTrue(slow >= 2.4, "the slow run took 2.5 s but shows " + slow);
        assertTrue(fast < 1.0, "the fast run finished at once but its clock kept going to " + fast);
    }

    @Test
    void aFailedRunFailsTheCallWithItsName() {
        var runs = new LinkedHashMap<String, ParallelRuns.Run>();
        runs.put("broken", progress -> {
            throw new ArithmeticException("loss is NaN");
        });
        var e = assertThrows(IllegalStateException.class, () -> new ParallelRuns(runs, 1).run(t -> { }));
        assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("loss is NaN"), e.getMessage());
    }
}
