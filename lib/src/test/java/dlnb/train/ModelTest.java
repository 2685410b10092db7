package dlnb.train;

import dlnb.data.Dataset;
import dlnb.data.Mnist;
import dlnb.loss.Loss;
import dlnb.nn.Activation;
import dlnb.nn.Dense;
import dlnb.nn.Sequential;
import dlnb.optim.Adam;
import dlnb.optim.LearningRateSchedule;
import dlnb.optim.Sgd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTest {
    private static Mnist mnist;

    @BeforeAll
    static void load() {
        mnist = Mnist.load();
    }

    private static Model chainerMlp(long seed) {
        return new Sequential(new Dense(50, Activation.RELU), new Dense(50, Activation.RELU), new Dense(10))
                .seed(seed).input(784).compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY).verbose(0);
    }

    @Test
    void oneEpochOfTheChainerMlpReaches93Percent() {
        Model model = chainerMlp(1);
        History h = model.fit(mnist.train(), 1, 100, mnist.test());
        assertTrue(h.last().valAccuracy() >= 0.93, h.toString());
        assertTrue(h.last().accuracy() > 0.85, h.toString());
        Evaluation e = model.evaluate(mnist.test());
        assertEquals(h.last().valAccuracy(), e.accuracy(), 1e-9);
        assertEquals(10_000, model.predictClasses(mnist.test()).length);
        assertEquals(e.accuracy(), ConfusionMatrix.of(model.predictClasses(mnist.test()), mnist.test().labels(), 10).accuracy(), 1e-9);
    }

    @Test
    void sameSeedSameHistory() {
        Dataset small = mnist.train().first(3000);
        History a = chainerMlp(7).fit(small, 2, 100, mnist.test().first(1000));
        History b = chainerMlp(7).fit(small, 2, 100, mnist.test().first(1000));
        History c = chainerMlp(8).fit(small, 2, 100, mnist.test().first(1000));
        assertArrayEquals(a.values("loss"), b.values("loss"), 0);
        assertArrayEquals(a.values("val_accuracy"), b.values("val_accuracy"), 0);
        assertTrue(a.values("loss")[1] != c.values("loss")[1]);
    }

    @Test
    void aDivergingLossStopsTrainingAndSaysWhere() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Model model = new Sequential(new Dense(50, Activation.RELU), new Dense(10)).input(784)
                .compile(new Sgd(1e30), Loss.softmaxCrossEntropy(), Metric.ACCURACY).output(new PrintStream(printed));
        History h = model.fit(mnist.train().first(2000), 3, 100);
        assertNotNull(h.stopReason());
        assertTrue(h.stopReason().matches("the loss became (NaN|Infinity|-Infinity) at epoch 1, batch \\d+.*"), h.stopReason());
        assertTrue(printed.toString().contains("Training stopped: the loss became"), printed.toString());
        assertTrue(h.epochs().isEmpty());
    }

    @Test
    void progressLineLooksLikeKeras() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        chainerMlp(1).verbose(1).output(new PrintStream(printed)).fit(mnist.train().first(1000), 1, 100, mnist.test().first(500));
        String text = printed.toString();
        assertTrue(text.startsWith("Epoch 1/1\n"), text);
        String last = text.substring(text.lastIndexOf('\r') + 1);
        assertTrue(last.matches("10/10 \\[={30}] - \\d+s \\d+(ms|us)/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"
                + " - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}\\n"), last);
    }

    @Test
    void earlyStoppingAndLearningRateScheduleAct() {
        Model model = chainerMlp(3);
        LearningRateScheduler schedule = new LearningRateScheduler(LearningRateSchedule.exponential(0.5));
        EarlyStopping stop = new EarlyStopping("val_loss", 0, 10.0, false);
        History h = model.fit(mnist.train().first(2000), 10, 100, mnist.test().first(500), schedule, stop);
        assertEquals(2, h.epochs().size(), "min delta 10 means no epoch after the first counts as better");
        assertEquals(0.001, h.epochs().get(0).learningRate(), 1e-12);
        assertEquals(0.0005, h.epochs().get(1).learningRate(), 1e-12);
        assertTrue(h.stopReason().contains("val_loss"), h.stopReason());
        assertEquals(2, stop.stoppedEpoch());
        assertEquals(h.epochs().size() * 20, h.batches().size());
    }

    @Test
    void phaseTimerAccountsForTheSteps() {
        Model model = chainerMlp(1);
        model.fit(mnist.train().first(1000), 1, 100);
        PhaseTimer t = model.phaseTimer();
        assertTrue(t.seconds(Phase.FORWARD) > 0 && t.seconds(Phase.BACKWARD) > 0 && t.seconds(Phase.UPDATE) > 0);
        assertEquals(Phase.values().length, t.table().rowCount());
    }

    @Test
    void impossibleArgumentsAreRefused() {
        Model model = chainerMlp(1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.fit(mnist.train(), 1, 0))
                .getMessage().contains("batch size"));
        assertThrows(IllegalArgumentException.class, () -> model.fit(mnist.train(), 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_los", 1));
    }
}
