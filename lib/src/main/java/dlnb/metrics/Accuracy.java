package dlnb.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** Fraction of rows whose highest output is at the position of the 1 in the one-hot target. */
public final class Accuracy {
    private Accuracy() {
    }

    public static double of(INDArray output, INDArray oneHotTargets) {
        if (!Arrays.equals(output.shape(), oneHotTargets.shape())) {
            throw new IllegalArgumentException("output " + Arrays.toString(output.shape()) + " and targets "
                    + Arrays.toString(oneHotTargets.shape()) + " differ in shape");
        }
        INDArray predicted = Nd4j.argMax(output, 1);
        INDArray actual = Nd4j.argMax(oneHotTargets, 1);
        return predicted.eq(actual).castTo(DataType.INT).sumNumber().doubleValue() / output.size(0);
    }

    /** How many of {@code predicted} equal {@code actual}, as a fraction. */
    public static double of(int[] predicted, int[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predictions but " + actual.length + " labels");
        }
        int right = 0;
        for (int i = 0; i < actual.length; i++) if (predicted[i] == actual[i]) right++;
        return actual.length == 0 ? Double.NaN : (double) right / actual.length;
    }
}
