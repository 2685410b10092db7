package dlnb.model;

import dlnb.callbacks.CsvLogger;
import dlnb.callbacks.LearningRateScheduler;
import dlnb.callbacks.ModelCheckpoint;
import dlnb.data.Dataset;
import dlnb.loss.Loss;
import dlnb.metrics.Metric;
import dlnb.nn.Activation;
import dlnb.nn.Dense;
import dlnb.nn.Dropout;
import dlnb.optim.Adam;
import dlnb.optim.LearningRateSchedule;
import dlnb.optim.Regularization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaveAndResumeTest {
    @TempDir
    Path dir;

    private static Sequential mlp() {
        return new Sequential(new Dense(32, Activation.RELU), new Dropout(0.2), new Dense(10)).seed(4).input(784)
                .compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY).regularization(Regularization.l2(1e-4));
    }

    private static FitOptions options(int epochs, ModelCheckpoint... checkpoint) {
        return ModelTest.quiet(epochs, 50).validationData(ModelTest.mnist.test().first(300))
                .callbacks(new LearningRateScheduler(LearningRateSchedule.exponential(0.7))).callbacks(checkpoint);
    }

    @Test
    void aRunContinuedFromACheckpointEqualsOneThatNeverStopped() throws IOException {
        Dataset train = ModelTest.mnist.train().first(1000);
        Sequential whole = mlp();
        whole.fit(train, options(4, new ModelCheckpoint(dir.resolve("after-{epoch}.npz"))));

        Sequential resumed = Sequential.load(dir.resolve("after-2.npz"));
        assertEquals(2, resumed.trainedEpochs());
        resumed.fit(train, options(4).initialEpoch(resumed.trainedEpochs()));

        assertEquals(rows(whole.history()), rows(resumed.history()));
        assertEquals(batches(whole.history()), batches(resumed.history()));
        assertArrayEquals(whole.flatParams().toFloatVector(), resumed.flatParams().toFloatVector(), 0f);
        assertArrayEquals(whole.optimizer().state().get("m").toFloatVector(), resumed.optimizer().state().get("m").toFloatVector(), 0f);
    }

    /** Everything an epoch logs but its clock. */
    private static List<String> rows(History h) {
        return h.epochs().stream().map(e -> e.epoch() + " " + e.loss() + " " + e.accuracy() + " " + e.valLoss() + " "
                + e.valAccuracy() + " " + e.learningRate()).toList();
    }

    private static List<BatchLogs> batches(History h) {
        return h.batches();
    }

    @Test
    void saveThenLoadGivesTheSameModelBitForBit() throws IOException {
        Sequential model = mlp();
        model.fit(ModelTest.mnist.train().first(500), options(1));
        Path file = model.save(dir.resolve("model.npz"));
        Sequential loaded = Sequential.load(file);
        assertEquals(model.layerConfigs(), loaded.layerConfigs());
        assertArrayEquals(model.flatParams().toFloatVector(), loaded.flatParams().toFloatVector(), 0f);
        assertEquals(model.optimizer().config(), loaded.optimizer().config());
        assertEquals(model.optimizer().steps(), loaded.optimizer().steps());
        var x = ModelTest.mnist.test().first(50).features();
        assertArrayEquals(model.predict(x).data().asFloat(), loaded.predict(x).data().asFloat(), 0f);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void numpyOpensTheModelFile() throws IOException, InterruptedException {
        Path file = mlp().build().save(dir.resolve("model.npz"));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertTrue(zip.getEntry("model.json") != null && zip.getEntry("dense_1/W.npy") != null);
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import json, sys, numpy as np; f = np.load(sys.argv[1]); print(f['dense_1/W'].shape, json.loads(f['model.json'])['layers'][0]['type'])",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        assertEquals("(784, 32) Dense", out);
    }

    @Test
    void csvLoggerWritesOneCompleteRowPerEpochAndKeepsEarlierRowsWhenContinuing() throws IOException {
        Path csv = dir.resolve("log.csv");
        Dataset train = ModelTest.mnist.train().first(300);
        Sequential model = mlp();
        model.fit(train, ModelTest.quiet(2, 100).callbacks(new CsvLogger(csv)));
        model.fit(train, ModelTest.quiet(3, 100).initialEpoch(2).callbacks(new CsvLogger(csv, true)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,seconds,images_per_s,lr", lines.get(0));
        assertTrue(lines.get(3).startsWith("3,"), lines.get(3));
    }
}
