package dlnb.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every way an .npz file can be cut or altered gives an IOException naming the file, "damaged" when it is. */
class DamagedFilesTest {
    @TempDir
    Path dir;

    private Path validFile() throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("dense_1/W", Nd4j.rand(DataType.FLOAT, 30, 20));
        arrays.put("dense_1/b", Nd4j.rand(DataType.FLOAT, 1, 20));
        arrays.put("history/epochs", Nd4j.rand(DataType.DOUBLE, 3, 8));
        return Npz.write(dir.resolve("valid.npz"), arrays, Map.of("model.json", "{\"format\": \"dlnb.model\"}".getBytes()));
    }

    private static void assertDamaged(Path file, String expectedPart) {
        try {
            Npz.read(file);
            fail(file + " was read although it is damaged");
        } catch (DamagedFileException e) {
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("damaged or truncated")
                    && e.getMessage().contains(expectedPart), e.getMessage());
        } catch (IOException | RuntimeException | Error e) {
            throw new AssertionError(file + ": expected a DamagedFileException, got " + e, e);
        }
    }

    @Test
    void aFileCutAnywhereIsReportedAsDamaged() throws IOException {
        byte[] bytes = Files.readAllBytes(validFile());
        Npz.read(dir.resolve("valid.npz"));
        for (int cut = 1; cut < bytes.length; cut += Math.max(1, bytes.length / 300)) {
            Path file = Files.write(dir.resolve("cut-" + cut + ".npz"), Arrays.copyOf(bytes, cut));
            assertDamaged(file, "");
            Files.delete(file);
        }
        // Cut between two entries (where the second entry's header starts): the first entries are complete, the zip
        // directory at the end is gone. The old reader took this for a file without the later arrays.
        int second = indexOf(bytes, new byte[]{'P', 'K', 3, 4}, 1);
        assertDamaged(Files.write(dir.resolve("between.npz"), Arrays.copyOf(bytes, second)), "zip directory");
        assertDamaged(Files.write(dir.resolve("empty.npz"), new byte[0]), "empty");
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) return i;
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void changedBytesInsideAnArrayAreCaught() throws IOException {
        byte[] bytes = Files.readAllBytes(validFile());
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 3] ^= 0x5A;
        assertDamaged(Files.write(dir.resolve("flipped.npz"), flipped), "entry");
    }

    /** An .npz holding one entry "x.npy" with these raw bytes. */
    private Path npzWithNpy(String name, byte[] npy) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(npy);
            zip.closeEntry();
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static byte[] npy(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[10 + h.length + dataBytes];
        b[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.ISO_8859_1), 0, b, 1, 5);
        b[6] = 1;
        b[8] = (byte) h.length;
        b[9] = (byte) (h.length >> 8);
        System.arraycopy(h, 0, b, 10, h.length);
        return b;
    }

    @Test
    void aCorruptArrayHeaderIsDamageNotANegativeSizeOrOutOfMemory() throws IOException {
        assertDamaged(npzWithNpy("negative.npz", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-10, 4), }\n", 16)), "shape");
        assertDamaged(npzWithNpy("huge.npz", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000000, 100000), }\n", 16)),
                "bytes of values");
        assertDamaged(npzWithNpy("overflow.npz", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }\n", 8)),
                "impossible shape");
        assertDamaged(npzWithNpy("short.npz", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 4), }\n", 60)), "64 bytes");
        assertDamaged(npzWithNpy("garbage.npz", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, x), }\n", 16)), "shape");
        byte[] longHeader = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", 8);
        longHeader[8] = (byte) 0xFF;
        longHeader[9] = (byte) 0xFF;
        assertDamaged(npzWithNpy("long-header.npz", longHeader), "header claims 65535 bytes");
        byte[] notNpy = "not an array at all".getBytes();
        assertDamaged(npzWithNpy("not-npy.npz", notNpy), "magic");
    }

    @Test
    void wellFormedButUnusableFilesSaySoWithoutCallingThemDamaged() throws IOException {
        Path ints = npzWithNpy("ints.npz", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }\n", 16));
        IOException e = assertThrows(IOException.class, () -> Npz.read(ints));
        assertTrue(!(e instanceof DamagedFileException) && e.getMessage().contains(ints.toString()) && e.getMessage().contains("<i8"),
                e.getMessage());
        Path text = Files.writeString(dir.resolve("text.npz"), "hello");
        IOException notZip = assertThrows(IOException.class, () -> Npz.read(text));
        assertTrue(notZip.getMessage().contains("is not an .npz file"), notZip.getMessage());
        Path single = Files.write(dir.resolve("single.npz"), npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", 8));
        assertTrue(assertThrows(IOException.class, () -> Npz.read(single)).getMessage().contains("single .npy array"));
        Path folder = Files.createDirectory(dir.resolve("folder.npz"));
        assertTrue(assertThrows(IOException.class, () -> Npz.read(folder)).getMessage().contains("is a folder"));
    }

    @Test
    void aValidArrayOfEveryShapeReadsBack() throws IOException {
        for (long[] shape : new long[][]{{3}, {2, 3}, {0, 5}, {2, 1, 3, 2}}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, shape);
            INDArray back = Npz.read(Npz.write(dir.resolve("a.npz"), Map.of("a", a), Map.of())).arrays().get("a");
            assertArrayEquals(shape, back.shape());
            if (a.length() > 0) assertArrayEquals(a.data().asFloat(), back.data().asFloat(), 0f);
        }
    }
}
