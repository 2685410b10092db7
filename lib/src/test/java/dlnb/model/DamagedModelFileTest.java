package dlnb.model;

import dlnb.data.Dataset;
import dlnb.io.DamagedFileException;
import dlnb.loss.Loss;
import dlnb.metrics.Metric;
import dlnb.nn.Activation;
import dlnb.nn.Dense;
import dlnb.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading a model or weights file that is cut short, altered or incomplete names the file and what is wrong. */
class DamagedModelFileTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        return new Sequential(new Dense(16, Activation.RELU), new Dense(3)).seed(2).input(20)
                .compile(new Adam(), Loss.softmaxCrossEntropy(), Metric.ACCURACY);
    }

    private Path trainedModelFile() throws IOException {
        Sequential m = model();
        m.fit(new Dataset(Nd4j.rand(DataType.FLOAT, 60, 20), new int[60], 3), ModelTest.quiet(1, 20));
        return m.save(dir.resolve("model.npz"));
    }

    @Test
    void everyCutOfAModelFileIsReportedAsDamagedByLoadAndLoadWeights() throws IOException {
        Path file = trainedModelFile();
        byte[] bytes = Files.readAllBytes(file);
        Sequential target = model().build();
        for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 60)) {
            Path cutFile = Files.write(dir.resolve("cut.npz"), Arrays.copyOf(bytes, cut));
            for (ThrowingLoad load : new ThrowingLoad[]{Sequential::load, target::loadWeights}) {
                DamagedFileException e = assertThrows(DamagedFileException.class, () -> load.run(cutFile), "cut at " + cut);
                assertTrue(e.getMessage().startsWith(cutFile.toString()) && e.getMessage().contains("damaged or truncated"), e.getMessage());
            }
        }
    }

    private interface ThrowingLoad {
        void run(Path p) throws IOException;
    }

    /** The file with its entries rewritten: {@code change} gets each entry's name and bytes, returns new bytes or null to drop it. */
    private Path rewrite(Path file, String name, BiFunction<String, byte[], byte[]> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(file.toFile()); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] changed = change.apply(e.getName(), in.getInputStream(e).readAllBytes());
                if (changed == null) continue;
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(changed);
                zip.closeEntry();
            }
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    @Test
    void aModelFileWithoutOneOfItsArraysIsDamaged() throws IOException {
        Path file = rewrite(trainedModelFile(), "no-bias.npz", (name, bytes) -> name.equals("dense_2/b.npy") ? null : bytes);
        DamagedFileException e = assertThrows(DamagedFileException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("dense_2/b") && e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void aMangledDescriptionNamesTheFileAndTheEntryOrKey() throws IOException {
        Path garbage = rewrite(trainedModelFile(), "garbage.npz", (name, bytes) -> name.equals("model.json") ? "{\"format\": ".getBytes() : bytes);
        DamagedFileException e = assertThrows(DamagedFileException.class, () -> Sequential.load(garbage));
        assertTrue(e.getMessage().startsWith(garbage + ": entry model.json"), e.getMessage());
        Path noSeed = rewrite(trainedModelFile(), "no-seed.npz", (name, bytes) -> name.equals("model.json")
                ? new String(bytes).replace("\"seed\"", "\"sead\"").getBytes() : bytes);
        IOException missing = assertThrows(IOException.class, () -> Sequential.load(noSeed));
        assertTrue(missing.getMessage().startsWith(noSeed.toString()) && missing.getMessage().contains("no \"seed\""), missing.getMessage());
        Path badLayer = rewrite(trainedModelFile(), "bad-layer.npz", (name, bytes) -> name.equals("model.json")
                ? new String(bytes).replace("\"Dense\"", "\"Dance\"").getBytes() : bytes);
        IOException layer = assertThrows(IOException.class, () -> Sequential.load(badLayer));
        assertTrue(layer.getMessage().startsWith(badLayer.toString()), layer.getMessage());
    }

    @Test
    void aCompiledModelSavedBeforeTrainingLoadsAndTrainsAsTheOriginal() throws IOException {
        Sequential fresh = model().build();
        Sequential loaded = Sequential.load(fresh.save(dir.resolve("untrained.npz")));
        Dataset data = new Dataset(Nd4j.rand(DataType.FLOAT, 60, 20), new int[60], 3);
        fresh.fit(data, ModelTest.quiet(1, 20));
        loaded.fit(data, ModelTest.quiet(1, 20));
        assertArrayEquals(fresh.flatParams().toFloatVector(), loaded.flatParams().toFloatVector(), 0f);
    }
}
