package dlnb.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * Examples and their class labels: {@code features} has one row per example (any shape after the first
 * axis, e.g. [n, 784] or [n, 1, 28, 28]), {@code labels} the class index of each row.
 */
public final class Dataset {
    private final INDArray features;
    private final int[] labels;
    private final int numClasses;
    private INDArray oneHot;

    public Dataset(INDArray features, int[] labels, int numClasses) {
        if (features.rank() < 2) {
            throw new IllegalArgumentException("features must have one row per example (rank >= 2), got shape "
                    + Arrays.toString(features.shape()));
        }
        if (features.size(0) != labels.length) {
            throw new IllegalArgumentException("features have " + features.size(0) + " rows but there are "
                    + labels.length + " labels");
        }
        if (numClasses < 2) throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside 0.."
                        + (numClasses - 1));
            }
        }
        this.features = features;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    public int size() {
        return labels.length;
    }

    public INDArray features() {
        return features;
    }

    /** Class index of each example (a copy: changing it does not change the dataset). */
    public int[] labels() {
        return labels.clone();
    }

    public int label(int i) {
        return labels[i];
    }

    public int numClasses() {
        return numClasses;
    }

    /** How many examples carry each label, indexed by label. */
    public int[] labelCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) counts[label]++;
        return counts;
    }

    /** One-hot targets, float32 [n, numClasses]; computed once and kept. */
    public INDArray oneHot() {
        if (oneHot == null) oneHot = OneHot.encode(labels, numClasses);
        return oneHot;
    }

    /** The first {@code n} examples (views, no copy); the whole set when n >= size. */
    public Dataset first(int n) {
        if (n <= 0) throw new IllegalArgumentException("n must be positive, got " + n);
        if (n >= size()) return this;
        INDArray rows = features.get(NDArrayIndex.interval(0, n));
        return new Dataset(rows, Arrays.copyOf(labels, n), numClasses);
    }

    /** The same examples with each row reshaped, e.g. {@code reshape(1, 28, 28)} for convolution layers (NCHW). */
    public Dataset reshape(long... exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = size();
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        Dataset reshaped = new Dataset(features.reshape('c', shape), labels, numClasses);
        reshaped.oneHot = oneHot;
        return reshaped;
    }

    /** The same labels with new features (for example, standardised ones). */
    public Dataset withFeatures(INDArray newFeatures) {
        Dataset d = new Dataset(newFeatures, labels, numClasses);
        d.oneHot = oneHot;
        return d;
    }

    /**
     * A copy of examples {@code from} (inclusive) to {@code to} (exclusive). A copy, not a view: ND4J 1.0.0-M2.1
     * returns empty arrays for some sub-views of a view that does not start at the first element.
     */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("cannot take examples " + from + " to " + to + " of " + size());
        }
        return new Dataset(features.get(NDArrayIndex.interval(from, to)).dup('c'), Arrays.copyOfRange(labels, from, to), numClasses);
    }

    /** A copy with the examples in a random order drawn from {@code seed}. */
    public Dataset shuffled(long seed) {
        int[] order = new int[size()];
        Arrays.setAll(order, i -> i);
        java.util.Random random = new java.util.Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        INDArray rows = features.reshape('c', size(), features.length() / size());
        INDArray moved = Nd4j.createUninitialized(features.dataType(), rows.shape());
        Nd4j.pullRows(rows, moved, 1, order);
        int[] newLabels = new int[size()];
        for (int i = 0; i < order.length; i++) newLabels[i] = labels[order[i]];
        return new Dataset(moved.reshape('c', features.shape()), newLabels, numClasses);
    }

    /** Joins two datasets row-wise (features copied); both must have the same example shape. */
    public static Dataset concat(Dataset a, Dataset b) {
        long[] sa = Arrays.copyOfRange(a.features.shape(), 1, a.features.rank());
        long[] sb = Arrays.copyOfRange(b.features.shape(), 1, b.features.rank());
        if (!Arrays.equals(sa, sb) || a.numClasses != b.numClasses) {
            throw new IllegalArgumentException("cannot join examples of shape " + Arrays.toString(sa) + " with "
                    + Arrays.toString(sb));
        }
        INDArray joined = Nd4j.concat(0, a.features, b.features).castTo(DataType.FLOAT);
        int[] labels = Arrays.copyOf(a.labels, a.size() + b.size());
        System.arraycopy(b.labels, 0, labels, a.size(), b.size());
        return new Dataset(joined, labels, a.numClasses);
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " examples, features " + Arrays.toString(features.shape()) + ", "
                + numClasses + " classes]";
    }
}
