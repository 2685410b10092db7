package dlnb.model;

import dlnb.callbacks.EarlyStopping;
import dlnb.callbacks.LearningRateScheduler;
import dlnb.data.Dataset;
import dlnb.loss.Loss;
import dlnb.metrics.Metric;
import dlnb.nn.Activation;
import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Flatten;
import dlnb.nn.MaxPool2D;
import dlnb.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The places where a Keras user would be surprised, each behaving as in Keras. */
class KerasSemanticsTest {
    @Test
    void fitTakesItsNumbersByNameSoNoTwoIntsCanBeSwapped() {
        List<Method> fits = Arrays.stream(Sequential.class.getMethods()).filter(m -> m.getName().equals("fit")).toList();
        assertEquals(1, fits.size());
        assertEquals(List.of(Dataset.class, FitOptions.class), List.of(fits.get(0).getParameterTypes()));
        FitOptions o = new FitOptions().batchSize(64).epochs(5);
        assertEquals(5, o.epochs());
        assertEquals(64, o.batchSize());
    }

    @Test
    void aScheduleGetsTheCurrentRateAsInKeras() {
        Sequential model = new Sequential(new Dense(10)).input(784).compile(new Sgd(0.1), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
        History h = model.fit(ModelTest.mnist.train().first(200), ModelTest.quiet(4, 100)
                .callbacks(new LearningRateScheduler((epoch, lr) -> lr * 0.5)));
        assertArrayEquals(new double[]{0.05, 0.025, 0.0125, 0.00625}, h.values("lr"), 1e-12,
                "Keras' lambda epoch, lr: lr * 0.5 halves the rate every epoch");
    }

    @Test
    void earlyStoppingCountsPatienceAsKerasDoes() {
        assertEquals(4, epochsUntilStop(3), "best at epoch 1, then 3 epochs without improvement: stop after epoch 4");
        assertEquals(2, epochsUntilStop(0), "patience 0 stops at the first epoch without improvement");
    }

    /** Feeds EarlyStopping a loss that never improves after epoch 1; returns the epoch after which it stops. */
    private static int epochsUntilStop(int patience) {
        Sequential model = new Sequential(new Dense(2)).input(3).build();
        EarlyStopping stop = new EarlyStopping("loss", patience);
        stop.onTrainBegin(model);
        for (int epoch = 1; epoch <= 20; epoch++) {
            stop.onEpochEnd(new EpochLogs(epoch, 1.0, 0.5, Double.NaN, Double.NaN, 1, 1, 0.1), model);
            if (model.stopRequest() != null) return epoch;
        }
        assertNull(model.stopRequest());
        return -1;
    }

    @Test
    void summaryPrintsItselfWithShapesInKerasOrderAndNamesTheLayout() {
        Sequential cnn = new Sequential(new Conv2D(32, 3, Activation.RELU), new MaxPool2D(2), new Flatten(), new Dense(10))
                .input(1, 28, 28);
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed));
        try {
            cnn.summary();
        } finally {
            System.setOut(original);
        }
        String text = printed.toString();
        assertTrue(text.contains("conv2d_1 (Conv2D)") && text.contains("(None, 26, 26, 32)"), text);
        assertTrue(text.contains("(None, 13, 13, 32)") && text.contains("(None, 5408)"), text);
        assertTrue(text.contains("channels\nfirst (NCHW), e.g. conv2d_1's output (None, 26, 26, 32) is an array [batch, 32, 26, 26]"), text);
        assertEquals(text.strip(), cnn.summaryText().strip());
    }
}
