package dlnb.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** A {@link History} as two float64 tables for a model file: one row per epoch, one row per mini-batch. */
final class HistoryArrays {
    private static final int EPOCH_COLUMNS = 8, BATCH_COLUMNS = 5;

    private HistoryArrays() {
    }

    /** epoch, loss, accuracy, val_loss, val_accuracy, seconds, images/s, learning rate. */
    static INDArray epochs(History h) {
        List<EpochLogs> e = h.epochs();
        double[][] rows = new double[e.size()][];
        for (int i = 0; i < rows.length; i++) {
            EpochLogs l = e.get(i);
            rows[i] = new double[]{l.epoch(), l.loss(), l.accuracy(), l.valLoss(), l.valAccuracy(), l.seconds(),
                    l.imagesPerSecond(), l.learningRate()};
        }
        return ModelFile.rows(rows, EPOCH_COLUMNS);
    }

    /** epoch, batch, size, loss, regularization. */
    static INDArray batches(History h) {
        List<BatchLogs> b = h.batches();
        double[][] rows = new double[b.size()][];
        for (int i = 0; i < rows.length; i++) {
            BatchLogs l = b.get(i);
            rows[i] = new double[]{l.epoch(), l.batch(), l.size(), l.loss(), l.regularization()};
        }
        return ModelFile.rows(rows, BATCH_COLUMNS);
    }

    static void restore(History h, INDArray epochs, INDArray batches) {
        if (epochs != null) {
            for (double[] r : epochs.length() == 0 ? new double[0][] : epochs.toDoubleMatrix()) {
                h.add(new EpochLogs((int) r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]));
            }
        }
        if (batches != null) {
            for (double[] r : batches.length() == 0 ? new double[0][] : batches.toDoubleMatrix()) {
                h.add(new BatchLogs((int) r[0], (int) r[1], (int) r[2], r[3], r[4]));
            }
        }
    }
}
