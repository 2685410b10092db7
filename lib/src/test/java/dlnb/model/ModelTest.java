package dlnb.model;

import dlnb.callbacks.EarlyStopping;
import dlnb.callbacks.LearningRateScheduler;
import dlnb.data.Dataset;
import dlnb.data.Mnist;
import dlnb.loss.Loss;
import dlnb.metrics.ConfusionMatrix;
import dlnb.metrics.Metric;
import dlnb.nn.Activation;
import dlnb.nn.Dense;
import dlnb.optim.Adam;
import dlnb.optim.LearningRateSchedule;
import dlnb.optim.Sgd;
import dlnb.testing.TestData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTest {
    static final Mnist mnist = TestData.mnist();

    static Sequential chainerMlp(long seed) {
        return new Sequential(new Dense(50, Activation.RELU), new Dense(50, Activation.RELU), new Dense(10))
                .seed(seed).input(784).compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
    }

    static FitOptions quiet(int epochs, int batchSize) {
        return new FitOptions().epochs(epochs).batchSize(batchSize).verbose(0);
    }

    @Test
    void oneEpochOfTheChainerMlpReaches93Percent() {
        Sequential model = chainerMlp(1);
        History h = model.fit(mnist.train(), quiet(1, 100).validationData(mnist.test()));
        assertTrue(h.last().valAccuracy() >= 0.93, h.toString());
        assertTrue(h.last().accuracy() > 0.85, h.toString());
        Evaluation e = model.evaluate(mnist.test());
        assertEquals(h.last().valAccuracy(), e.accuracy(), 1e-9);
        assertEquals(10_000, model.predictClasses(mnist.test()).length);
        assertEquals(e.accuracy(), ConfusionMatrix.of(model.predictClasses(mnist.test()), mnist.test().labels(), 10).accuracy(), 1e-9);
    }

    @Test
    void compileReturnsTheModelItself() {
        Sequential net = new Sequential(new Dense(10)).input(784);
        assertSame(net, net.compile(new Adam(), Loss.softmaxCrossEntropy()));
        assertThrows(IllegalStateException.class, () -> new Sequential(new Dense(10)).input(784).fit(mnist.train(), quiet(1, 10)));
    }

    @Test
    void sameSeedSameHistory() {
        Dataset small = mnist.train().first(3000);
        FitOptions options = quiet(2, 100).validationData(mnist.test().first(1000));
        History a = chainerMlp(7).fit(small, options);
        History b = chainerMlp(7).fit(small, options);
        History c = chainerMlp(8).fit(small, options);
        assertArrayEquals(a.values("loss"), b.values("loss"), 0);
        assertArrayEquals(a.values("val_accuracy"), b.values("val_accuracy"), 0);
        assertTrue(a.values("loss")[1] != c.values("loss")[1]);
    }

    @Test
    void aDivergingLossStopsTrainingSaysWhereAndLeavesAReadableHistory() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Sequential model = new Sequential(new Dense(50, Activation.RELU), new Dense(10)).input(784)
                .compile(new Sgd(1e30), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
        History h = model.fit(mnist.train().first(2000), quiet(3, 100).output(new PrintStream(printed)));
        assertNotNull(h.stopReason());
        assertTrue(h.stopReason().matches("the loss became (NaN|Infinity|-Infinity) at epoch 1, batch \\d+ of 20 \\(training examples \\d+, .*"
                + "the weights diverged: try a smaller learning rate"), h.stopReason());
        assertTrue(printed.toString().contains("Training stopped: the loss became"), printed.toString());
        assertEquals(1, h.last().epoch(), "the interrupted epoch is in the history");
        assertTrue(Double.isNaN(h.last().loss()));
    }

    @Test
    void progressLineLooksLikeKeras() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        chainerMlp(1).fit(mnist.train().first(1000), new FitOptions().epochs(1).batchSize(100)
                .validationData(mnist.test().first(500)).output(new PrintStream(printed)));
        String text = printed.toString();
        assertTrue(!text.contains("\r"), "outside a kernel no line is redrawn with carriage returns: " + text);
        assertTrue(text.matches("Epoch 1/1\n10/10 \\[={30}] - \\d+s \\d+(ms|us)/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"
                + " - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}\\n"), text);
    }

    @Test
    void earlyStoppingAndLearningRateScheduleAct() {
        Sequential model = chainerMlp(3);
        LearningRateScheduler schedule = new LearningRateScheduler(LearningRateSchedule.exponential(0.5));
        EarlyStopping stop = new EarlyStopping("val_loss", 1, 10.0, false);
        History h = model.fit(mnist.train().first(2000), quiet(10, 100).validationData(mnist.test().first(500))
                .callbacks(schedule, stop));
        assertEquals(2, h.epochs().size(), "min delta 10: no epoch after the first counts as better; patience 1 stops after epoch 2");
        assertEquals(0.001, h.epochs().get(0).learningRate(), 1e-12);
        assertEquals(0.0005, h.epochs().get(1).learningRate(), 1e-12);
        assertTrue(h.stopReason().contains("val_loss"), h.stopReason());
        assertEquals(2, stop.stoppedEpoch());
        assertEquals(h.epochs().size() * 20, h.batches().size());
    }

    @Test
    void theLoggedCostAddsThePenaltyOfTheWeightsThatMadeTheLoss() {
        Sequential model = chainerMlp(1).regularization(dlnb.optim.Regularization.l2(0.5));
        Dataset one = mnist.train().first(100);
        double penaltyBefore = model.build().regularization().cost(model.params());
        History h = model.fit(one, quiet(1, 100).shuffle(false));
        BatchLogs b = h.batches().get(0);
        assertEquals(penaltyBefore, b.regularization(), 1e-9 * penaltyBefore, "the penalty before the update");
    }

    @Test
    void phaseTimerAccountsForTheSteps() {
        Sequential model = chainerMlp(1);
        model.fit(mnist.train().first(1000), quiet(1, 100));
        PhaseTimer t = model.phaseTimer();
        assertTrue(t.seconds(Phase.FORWARD) > 0 && t.seconds(Phase.BACKWARD) > 0 && t.seconds(Phase.UPDATE) > 0);
        assertEquals(Phase.values().length, t.table().rowCount());
    }

    @Test
    void impossibleArgumentsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FitOptions().batchSize(0))
                .getMessage().contains("batch size"));
        assertThrows(IllegalArgumentException.class, () -> new FitOptions().epochs(0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_los", 1));
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> chainerMlp(1).fit(mnist.train().first(100), quiet(2, 10).initialEpoch(2)));
        assertTrue(nothing.getMessage().contains("epochs is the number of the last epoch"), nothing.getMessage());
    }

    @Test
    void aDeclaredInputThatDiffersFromTheDataIsReported() {
        Sequential model = new Sequential(new Dense(10)).input(100).compile(new Adam(), Loss.softmaxCrossEntropy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(mnist.train().first(100), quiet(1, 10)));
        assertTrue(e.getMessage().contains("input(100)") && e.getMessage().contains("[784]"), e.getMessage());
    }
}
