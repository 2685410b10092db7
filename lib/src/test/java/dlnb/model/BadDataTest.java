package dlnb.model;

import dlnb.data.Dataset;
import dlnb.loss.Loss;
import dlnb.metrics.Metric;
import dlnb.nn.Activation;
import dlnb.nn.Dense;
import dlnb.optim.Regularization;
import dlnb.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NaN, infinity, divergence and mismatched shapes: each stops with a message saying what, where and what to do. */
class BadDataTest {
    private static Sequential mlp(double learningRate) {
        return new Sequential(new Dense(16, Activation.RELU), new Dense(3)).seed(3).input(20)
                .compile(new Sgd(learningRate), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
    }

    private static Dataset data(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % 3;
        return new Dataset(Nd4j.rand(DataType.FLOAT, n, 20), labels, 3);
    }

    @Test
    void nanOnlyInTheValidationSetIsRefusedBeforeTrainingStarts() {
        Sequential model = mlp(0.1).build();
        float[] before = model.flatParams().toFloatVector();
        Dataset validation = data(50, 2);
        validation.features().putScalar(7, 4, Double.NaN);
        AtomicInteger callbacks = new AtomicInteger();
        Callback counting = new Callback() {
            @Override
            public void onTrainBegin(Sequential m) {
                callbacks.incrementAndGet();
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(data(60, 1), ModelTest.quiet(2, 20).validationData(validation).callbacks(counting)));
        assertTrue(e.getMessage().startsWith("the validation set has 1 NaN value in example (row) 7")
                && e.getMessage().contains("fix or drop"), e.getMessage());
        assertEquals(0, callbacks.get(), "no callback ran");
        assertTrue(model.history().epochs().isEmpty());
        assertArrayEquals(before, model.flatParams().toFloatVector(), 0f);
    }

    @Test
    void nanAndInfinityInTheTrainingSetAreCountedAndTheirRowsNamed() {
        Dataset train = data(60, 1);
        train.features().putScalar(new long[]{41, 0}, Double.POSITIVE_INFINITY);
        train.features().putScalar(new long[]{12, 3}, Double.NaN);
        train.features().putScalar(new long[]{12, 5}, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mlp(0.1).fit(train, ModelTest.quiet(1, 20)));
        assertTrue(e.getMessage().startsWith("the training set has 2 NaN and 1 infinite values in 2 examples, rows 12, 41"), e.getMessage());
        IllegalArgumentException evaluating = assertThrows(IllegalArgumentException.class, () -> mlp(0.1).evaluate(train));
        assertTrue(evaluating.getMessage().startsWith("the evaluation set has"), evaluating.getMessage());
        IllegalArgumentException predicting = assertThrows(IllegalArgumentException.class, () -> mlp(0.1).predict(train.features()));
        assertTrue(predicting.getMessage().startsWith("the input to predict has"), predicting.getMessage());
    }

    @Test
    void divergenceStopsNamingEpochBatchAndExamplesAndLeavesAReadableHistory() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Sequential model = mlp(1e30);
        History h = model.fit(data(60, 1), ModelTest.quiet(3, 20).shuffle(false).output(new PrintStream(printed)));
        String reason = h.stopReason();
        assertTrue(reason != null && reason.matches("the loss became (NaN|-?Infinity) at epoch 1, batch [23] of 3 \\(training examples \\d+, .*")
                && reason.endsWith("so the weights diverged: try a smaller learning rate"), reason);
        assertEquals(1, h.last().epoch(), "the interrupted epoch is the history's last row");
        assertTrue(printed.toString().contains("Training stopped: " + reason), printed.toString());
    }

    @Test
    void divergenceOnUnscaledInputsSaysToScaleThem() {
        Dataset raw = data(60, 1);
        raw.features().muli(255);
        History h = mlp(1e30).fit(raw, ModelTest.quiet(3, 20));
        assertTrue(h.stopReason() != null && h.stopReason().contains("the inputs reach 2") && h.stopReason().contains("scale them first"),
                String.valueOf(h.stopReason()));
    }

    @Test
    void anOutputThatIsNotOneScorePerClassIsNamedBeforeAnyBatch() {
        Sequential four = new Sequential(new Dense(16, Activation.RELU), new Dense(4)).input(20)
                .compile(new Sgd(0.1), Loss.softmaxCrossEntropy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> four.fit(data(60, 1), ModelTest.quiet(1, 20)));
        assertEquals("the model's last layer gives 4 scores per example but the data have 3 classes: make the last layer Dense(3)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> four.evaluate(data(60, 1)));
    }

    @Test
    void aDeclaredInputThatDiffersFromTheDataIsNotReplaced() {
        Sequential declared = new Sequential(new Dense(3)).input(100).compile(new Sgd(0.1), Loss.softmaxCrossEntropy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> declared.fit(data(60, 1), ModelTest.quiet(1, 20)));
        assertTrue(e.getMessage().contains("input(100)") && e.getMessage().contains("[20]"), e.getMessage());
        assertFalse(declared.isBuilt());
    }

    @Test
    void theLoggedBatchCostIsTheLossPlusThePenaltyOfTheSameWeights() {
        Sequential model = mlp(0.5).regularization(Regularization.l2(0.3)).build();
        Dataset one = data(20, 4);
        double penaltyBefore = model.regularization().cost(model.params());
        double lossBefore = model.evaluate(one).loss();
        model.fit(one, ModelTest.quiet(1, 20));
        BatchLogs b = model.history().batches().get(0);
        assertEquals(penaltyBefore, b.regularization(), 1e-6);
        assertEquals(lossBefore + penaltyBefore, b.loss(), 1e-5);
        assertTrue(Math.abs(model.regularization().cost(model.params()) - penaltyBefore) > 1e-4, "the step changed the penalty");
    }

    @Test
    void anOutOfMemoryErrorSaysWhichBufferHowLargeAndWhatToDo() {
        Sequential wide = new Sequential(new Dense(4000, Activation.RELU), new Dense(10)).input(784)
                .compile(new Sgd(0.1), Loss.softmaxCrossEntropy()).build();
        OutOfMemoryError e = OutOfMemory.explain(new OutOfMemoryError("Cannot allocate new LongPointer(2)"), wide, new long[]{784},
                1000, "training on batches of 1000 examples");
        assertTrue(e.getMessage().startsWith("Out of memory while training on batches of 1000 examples: "), e.getMessage());
        assertTrue(e.getMessage().contains("3,180,010 parameters (12 MiB") && e.getMessage().contains("dense_1's output [1000, 4000]"
                + " float (15 MiB)") && e.getMessage().contains("batchSize(250)")
                && e.getMessage().endsWith("(ND4J: Cannot allocate new LongPointer(2))"), e.getMessage());
    }

    @Test
    void fitExplainsAnOutOfMemoryErrorRaisedDuringABatch() {
        Callback exhausting = new Callback() {
            @Override
            public void onBatchEnd(BatchLogs logs, Sequential m) {
                throw new OutOfMemoryError("Cannot allocate new LongPointer(2)");
            }
        };
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                () -> mlp(0.1).fit(data(60, 1), ModelTest.quiet(1, 20).callbacks(exhausting)));
        assertTrue(e.getMessage().startsWith("Out of memory while training on batches of 20 examples")
                && e.getMessage().contains("dense_1's output [20, 16]") && e.getMessage().contains("batchSize(5)"), e.getMessage());
    }

    @Test
    void predictOnAViewThatDoesNotStartAtTheFirstRowGivesThatViewsOutputs() {
        Sequential model = mlp(0.1).build();
        INDArray x = Nd4j.rand(DataType.FLOAT, 700, 20);
        INDArray view = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(100, 700));
        assertArrayEquals(model.predict(view.dup()).data().asFloat(), model.predict(view).data().asFloat(), 0f);
    }
}
