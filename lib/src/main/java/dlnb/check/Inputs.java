package dlnb.check;

import dlnb.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * The float32 arrays checks feed to students' code, from fixed seeds so every run (and every grading) sees the
 * same numbers. Generated with java.util.Random, never ND4J's global generator, which a student's code may use.
 */
public final class Inputs {
    private Inputs() {
    }

    /** Standard normal values. */
    public static INDArray normal(long seed, int rows, int cols) {
        Random r = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return create(v, rows, cols);
    }

    /** Uniform values in [low, high). */
    public static INDArray uniform(long seed, double low, double high, int rows, int cols) {
        Random r = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) (low + (high - low) * r.nextDouble());
        return create(v, rows, cols);
    }

    /** ±magnitude with random signs, so both ends of a function's range are hit. */
    public static INDArray large(long seed, double magnitude, int rows, int cols) {
        Random r = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextBoolean() ? magnitude : -magnitude) * (float) (0.5 + r.nextDouble());
        return create(v, rows, cols);
    }

    /**
     * Rows shifted by ±magnitude (random sign per row) around a few units of spread: large values, yet close to each
     * other within a row, as large raw scores are.
     */
    public static INDArray shiftedRows(long seed, double magnitude, double spread, int rows, int cols) {
        Random r = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            double shift = r.nextBoolean() ? magnitude : -magnitude;
            for (int j = 0; j < cols; j++) v[i * cols + j] = (float) (shift + spread * r.nextGaussian());
        }
        return create(v, rows, cols);
    }

    public static INDArray zeros(int rows, int cols) {
        return create(new float[rows * cols], rows, cols);
    }

    /** One-hot rows: a single 1 per row, at a random class. */
    public static INDArray oneHot(long seed, int rows, int classes) {
        Random r = new Random(seed);
        float[] v = new float[rows * classes];
        for (int i = 0; i < rows; i++) v[i * classes + r.nextInt(classes)] = 1;
        return create(v, rows, classes);
    }

    static INDArray create(float[] values, int rows, int cols) {
        Backend.init();
        return Nd4j.create(values, new long[]{rows, cols}, 'c');
    }

    /** How an input is named to students: its label and its shape, e.g. "zeros [8, 10]". */
    public static String label(String what, INDArray x) {
        return what + " " + Numbers.shape(x.shape());
    }
}
