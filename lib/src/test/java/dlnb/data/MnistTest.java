package dlnb.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the real MNIST files from data/mnist (the set-up fetches them) and broken copies of them. */
class MnistTest {
    private static final int[] TRAIN_COUNTS = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    private static final int[] TEST_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    @TempDir
    Path dir;

    @Test
    void loadsTheFullDataSet() {
        Mnist mnist = Mnist.load();
        assertEquals(60_000, mnist.train().size());
        assertEquals(10_000, mnist.test().size());
        assertArrayEquals(new long[]{60_000, 784}, mnist.train().features().shape());
        assertArrayEquals(TRAIN_COUNTS, mnist.train().labelCounts());
        assertArrayEquals(TEST_COUNTS, mnist.test().labelCounts());
        assertEquals(0.0, mnist.train().features().minNumber().doubleValue(), 0.0);
        assertEquals(1.0, mnist.train().features().maxNumber().doubleValue(), 0.0);
        assertEquals(5, mnist.train().label(0));
        assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, mnist.train().features().dataType());
    }

    @Test
    void limitKeepsTheFirstTrainingImagesAndTheWholeTestSet() {
        Mnist mnist = Mnist.load(500);
        assertEquals(500, mnist.train().size());
        assertEquals(10_000, mnist.test().size());
    }

    @Test
    void readsGzippedCopies() throws IOException {
        Path real = Mnist.defaultDirectory();
        for (MnistFile f : MnistFile.values()) {
            Files.write(dir.resolve(f.fileName() + ".gz"), IdxFiles.gzip(Files.readAllBytes(Mnist.locate(real, f))));
        }
        assertEquals(60_000, Mnist.load(dir, Integer.MAX_VALUE).train().size());
    }

    @Test
    void deletingOneByteIsReportedWithTheFileName() throws IOException {
        copyReal();
        Path labels = dir.resolve(MnistFile.TEST_LABELS.fileName());
        byte[] bytes = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(bytes, bytes.length - 1));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.load(dir, 100));
        assertTrue(e.getMessage().contains(labels.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void changedContentIsCaughtByTheChecksum() throws IOException {
        copyReal();
        Path images = dir.resolve(MnistFile.TRAIN_IMAGES.fileName());
        byte[] bytes = Files.readAllBytes(images);
        bytes[1000] ^= 0x55;
        Files.write(images, bytes);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.load(dir, 100));
        assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void missingFileSaysWhereToPutIt() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.load(dir, 100));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte") && e.getMessage().contains("setup.sh"), e.getMessage());
    }

    @Test
    void aFolderWhereAFileBelongsIsNamedAsSuch() throws IOException {
        copyReal();
        Path images = dir.resolve(MnistFile.TRAIN_IMAGES.fileName());
        Files.delete(images);
        Files.createDirectory(images);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.load(dir, 100));
        assertTrue(e.getMessage().startsWith(images + " is a folder") && !e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aMissingFolderIsNotReportedAsAMissingFile() throws IOException {
        Path absent = dir.resolve("no-such-folder");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.load(absent, 100));
        assertTrue(e.getMessage().contains("the MNIST folder " + absent + " does not exist") && !e.getMessage().contains("file missing"),
                e.getMessage());
        Path file = Files.writeString(dir.resolve("mnist"), "not a folder");
        UncheckedIOException notFolder = assertThrows(UncheckedIOException.class, () -> Mnist.load(file, 100));
        assertTrue(notFolder.getMessage().startsWith(file + " is a file"), notFolder.getMessage());
    }

    @Test
    void refusesNonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> Mnist.load(0));
    }

    private void copyReal() throws IOException {
        Path real = Mnist.defaultDirectory();
        for (MnistFile f : MnistFile.values()) {
            Files.copy(Mnist.locate(real, f), dir.resolve(f.fileName()));
        }
    }
}
