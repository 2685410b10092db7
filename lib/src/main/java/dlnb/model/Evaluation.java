package dlnb.model;

/** Loss and accuracy of a model on a dataset. */
public record Evaluation(double loss, double accuracy, int examples) {
    @Override
    public String toString() {
        return String.format("loss %.4f, accuracy %.4f on %,d examples", loss, accuracy, examples);
    }
}
