package dlnb.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-feature standardisation, as scikit-learn's StandardScaler: x' = (x - mean) / std, with mean and (population)
 * standard deviation of each feature over the data it was fitted on. Features that never vary (MNIST's corner
 * pixels) keep a scale of 1, so they become 0 instead of NaN.
 */
public final class Standardizer {
    private final INDArray mean;
    private final INDArray std;

    private Standardizer(INDArray mean, INDArray std) {
        this.mean = mean;
        this.std = std;
    }

    /** Learns each feature's mean and standard deviation from {@code data} (usually the training set). */
    public static Standardizer fit(Dataset data) {
        INDArray rows = flat(data);
        INDArray mean = rows.mean(0);
        INDArray std = rows.std(false, 0);
        std.addi(std.eq(0).castTo(std.dataType()));
        return new Standardizer(mean, std);
    }

    /** A standardised copy of {@code data} (features of the same shape, same labels). */
    public Dataset transform(Dataset data) {
        INDArray rows = flat(data);
        if (rows.size(1) != mean.length()) {
            throw new IllegalArgumentException("fitted on " + mean.length() + " features but the data has " + rows.size(1));
        }
        INDArray scaled = rows.subRowVector(mean).diviRowVector(std);
        return data.withFeatures(scaled.reshape('c', data.features().shape()));
    }

    public INDArray mean() {
        return mean;
    }

    public INDArray std() {
        return std;
    }

    private static INDArray flat(Dataset data) {
        INDArray f = data.features();
        return f.reshape('c', f.size(0), f.length() / f.size(0));
    }
}
