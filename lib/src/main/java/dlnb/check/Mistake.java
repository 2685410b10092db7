package dlnb.check;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A wrong answer students often give, computed for the same input: when a student's result matches it, the
 * check explains that mistake instead of only showing numbers. {@code wrongAnswer} is an INDArray or a Double.
 */
public record Mistake(String explanation, Object wrongAnswer) {
    public static Mistake of(String explanation, INDArray wrongAnswer) {
        return new Mistake(explanation, wrongAnswer);
    }

    public static Mistake of(String explanation, double wrongAnswer) {
        return new Mistake(explanation, wrongAnswer);
    }
}
