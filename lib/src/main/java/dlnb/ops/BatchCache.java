package dlnb.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Per-batch-size state of a layer (output buffers and the kernels bound to them). An epoch sees at most two batch
 * sizes (full batches and a smaller last one), plus the evaluation batch size; each gets its buffers once.
 */
public final class BatchCache<T> {
    private final Map<Long, T> byBatchSize = new HashMap<>();
    private long lastSize = -1;
    private T last;

    public T get(long batchSize, LongFunction<T> create) {
        if (batchSize == lastSize) return last;
        T value = byBatchSize.computeIfAbsent(batchSize, create::apply);
        lastSize = batchSize;
        last = value;
        return value;
    }

    /** Replaces the state kept for a batch size. */
    public void put(long batchSize, T value) {
        byBatchSize.put(batchSize, value);
        lastSize = batchSize;
        last = value;
    }

    public void clear() {
        byBatchSize.clear();
        lastSize = -1;
        last = null;
    }
}
