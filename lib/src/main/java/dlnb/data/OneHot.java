package dlnb.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One-hot encoding of class labels: row i has a 1 in column labels[i] and 0 elsewhere. */
public final class OneHot {
    private OneHot() {
    }

    public static INDArray encode(int[] labels, int numClasses) {
        float[] values = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside 0.."
                        + (numClasses - 1));
            }
            values[i * numClasses + labels[i]] = 1f;
        }
        return Nd4j.create(values, new long[]{labels.length, numClasses}, DataType.FLOAT);
    }
}
