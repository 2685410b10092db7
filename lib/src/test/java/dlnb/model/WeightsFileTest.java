package dlnb.model;

import dlnb.nn.Activation;
import dlnb.nn.Conv2D;
import dlnb.nn.Dense;
import dlnb.nn.Flatten;
import dlnb.io.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightsFileTest {
    @TempDir
    Path dir;

    private static Sequential cnn(long seed) {
        return new Sequential(new Conv2D(4, 3, Activation.RELU), new Flatten(), new Dense(5, Activation.RELU), new Dense(3))
                .seed(seed).input(1, 6, 6).build();
    }

    @Test
    void saveThenLoadIsBitExact() throws IOException {
        Sequential a = cnn(1), b = cnn(2);
        assertNotEquals(a.flatParams(), b.flatParams());
        Path file = a.saveWeights(dir.resolve("w.npz"));
        b.loadWeights(file);
        assertArrayEquals(a.flatParams().toFloatVector(), b.flatParams().toFloatVector(), 0f);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void theFileIsANumpyNpz() throws IOException {
        Path file = cnn(1).saveWeights(dir.resolve("w.npz"));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertTrue(zip.getEntry("dense_1/W.npy") != null);
            byte[] npy = zip.getInputStream(zip.getEntry("conv2d_1/W.npy")).readAllBytes();
            assertEquals((byte) 0x93, npy[0]);
            assertEquals("NUMPY", new String(npy, 1, 5, StandardCharsets.ISO_8859_1));
            int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
            assertEquals(0, (10 + headerLength) % 64, "numpy aligns the data to 64 bytes");
            String header = new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1);
            assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': (3, 3, 1, 4)"), header);
            assertEquals(10 + headerLength + 3 * 3 * 4 * 4, npy.length);
        }
        Map<String, INDArray> read = Npz.read(file).arrays();
        assertArrayEquals(new long[]{1, 3}, read.get("dense_2/b").shape());
    }

    @Test
    void shapeMismatchNamesTheLayerAndBothShapesAndChangesNothing() throws IOException {
        Path file = cnn(1).saveWeights(dir.resolve("w.npz"));
        Sequential other = new Sequential(new Conv2D(4, 3, Activation.RELU), new Flatten(), new Dense(6, Activation.RELU),
                new Dense(3)).seed(3).input(1, 6, 6).build();
        float[] before = other.flatParams().toFloatVector();
        IOException e = assertThrows(IOException.class, () -> other.loadWeights(file));
        assertTrue(e.getMessage().contains("dense_1") && e.getMessage().contains("[64, 6]")
                && e.getMessage().contains("[64, 5]"), e.getMessage());
        assertArrayEquals(before, other.flatParams().toFloatVector(), 0f);
    }

    @Test
    void missingAndExtraNamesAreReported() throws IOException {
        Path file = cnn(1).saveWeights(dir.resolve("w.npz"));
        Sequential smaller = new Sequential(new Conv2D(4, 3, Activation.RELU), new Flatten(), new Dense(5, Activation.RELU))
                .input(1, 6, 6).build();
        IOException extra = assertThrows(IOException.class, () -> smaller.loadWeights(file));
        assertTrue(extra.getMessage().contains("dense_2/W"), extra.getMessage());
        Sequential bigger = new Sequential(new Conv2D(4, 3), new Flatten(), new Dense(5), new Dense(3), new Dense(2))
                .input(1, 6, 6).build();
        IOException missing = assertThrows(IOException.class, () -> bigger.loadWeights(file));
        assertTrue(missing.getMessage().contains("dense_3/W"), missing.getMessage());
    }

    @Test
    void notAnNpzFile() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.npz"), "hello");
        assertThrows(IOException.class, () -> cnn(1).loadWeights(junk));
        assertThrows(IOException.class, () -> cnn(1).loadWeights(dir.resolve("absent.npz")));
    }
}
