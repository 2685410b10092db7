package dlnb.model;

/**
 * What one epoch of training gave: mean training loss and accuracy, the same on the validation set (NaN without
 * one), training time and throughput, and the learning rate used.
 */
public record EpochLogs(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                        double seconds, double imagesPerSecond, double learningRate) {

    /** A logged value by its Keras name: loss, accuracy, val_loss, val_accuracy, lr (also seconds, images_per_s). */
    public double get(String name) {
        return switch (name) {
            case "loss" -> loss;
            case "accuracy" -> accuracy;
            case "val_loss" -> valLoss;
            case "val_accuracy" -> valAccuracy;
            case "lr", "learning_rate" -> learningRate;
            case "seconds" -> seconds;
            case "images_per_s" -> imagesPerSecond;
            default -> throw new IllegalArgumentException("no logged value '" + name
                    + "'; use loss, accuracy, val_loss, val_accuracy, lr, seconds or images_per_s");
        };
    }
}
