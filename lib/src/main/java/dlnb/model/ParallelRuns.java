package dlnb.model;

import dlnb.backend.Threads;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Independent training runs (e.g. one per regularisation strength) in parallel, one per core, each on a single
 * thread: small models gain nothing from a second thread, but two runs on two cores finish in half the time.
 * A progress table (run, epoch, loss, validation accuracy, seconds) goes to a listener about once a second.
 */
public final class ParallelRuns {
    /** One run: given a callback to pass to {@link Sequential#fit} (it reports progress), trains and returns the history. */
    @FunctionalInterface
    public interface Run extends Function<Callback, History> {
    }

    /** endNanos is 0 while the run trains; a finished run's seconds stop counting. */
    private record Status(int epoch, double loss, double valAccuracy, long startNanos, long endNanos) {
        Status finished() {
            return new Status(epoch, loss, valAccuracy, startNanos, System.nanoTime());
        }

        double seconds(long now) {
            return Math.round(((endNanos == 0 ? now : endNanos) - startNanos) / 1e8) / 10.0;
        }
    }

    private final Map<String, Run> runs;
    private final int epochs;
    private int parallelism = Threads.cores();

    /** {@code epochs} is only for the progress display ("epoch 12/800"). */
    public ParallelRuns(Map<String, Run> runs, int epochs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs given");
        this.runs = new LinkedHashMap<>(runs);
        this.epochs = epochs;
    }

    public ParallelRuns parallelism(int threads) {
        if (threads <= 0) throw new IllegalArgumentException("parallelism must be positive, got " + threads);
        this.parallelism = threads;
        return this;
    }

    /** Runs everything; returns each run's history by name, in the order given. A failed run fails the whole call. */
    public Map<String, History> run(Consumer<Table> progress) {
        Map<String, Status> status = new ConcurrentHashMap<>();
        Threads before = Threads.current();
        Threads.all(1).apply();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        Map<String, Future<History>> futures = new LinkedHashMap<>();
        try {
            runs.forEach((name, run) -> futures.put(name, pool.submit(() -> {
                Threads.all(1).apply(); // OpenMP keeps its thread count per calling thread
                long start = System.nanoTime();
                status.put(name, new Status(0, Double.NaN, Double.NaN, start, 0));
                History history = run.apply(new Callback() {
                    @Override
                    public void onEpochEnd(EpochLogs logs, Sequential model) {
                        status.put(name, new Status(logs.epoch(), logs.loss(), logs.valAccuracy(), start, 0));
                    }
                });
                status.computeIfPresent(name, (n, s) -> s.finished());
                return history;
            })));
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                progress.accept(table(status));
                failFast(futures);
            }
            progress.accept(table(status));
            Map<String, History> results = new LinkedHashMap<>();
            for (var e : futures.entrySet()) results.put(e.getKey(), get(e.getKey(), e.getValue()));
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the runs", e);
        } finally {
            pool.shutdownNow();
            before.apply();
        }
    }

    private static void failFast(Map<String, Future<History>> futures) {
        for (var e : futures.entrySet()) if (e.getValue().isDone()) get(e.getKey(), e.getValue());
    }

    private static History get(String name, Future<History> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + name + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Table table(Map<String, Status> status) {
        Table t = Table.create("Runs", StringColumn.create("run"), IntColumn.create("epoch"), StringColumn.create("of"),
                DoubleColumn.create("loss"), DoubleColumn.create("val_accuracy"), DoubleColumn.create("seconds"));
        long now = System.nanoTime();
        for (String name : runs.keySet()) {
            Status s = status.get(name);
            t.stringColumn("run").append(name);
            t.intColumn("epoch").append(s == null ? 0 : s.epoch());
            t.stringColumn("of").append(String.valueOf(epochs));
            t.doubleColumn("loss").append(s == null ? Double.NaN : s.loss());
            t.doubleColumn("val_accuracy").append(s == null ? Double.NaN : s.valAccuracy());
            t.doubleColumn("seconds").append(s == null ? 0 : s.seconds(now));
        }
        return t;
    }
}
