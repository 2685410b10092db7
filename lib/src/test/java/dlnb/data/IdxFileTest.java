package dlnb.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxFileTest {
    @TempDir
    Path dir;

    @Test
    void readsRawImages() throws IOException {
        Path f = IdxFiles.write(dir, "imgs", IdxFiles.images(IdxFile.IMAGES_MAGIC, 3, 2, 2, 3));
        IdxFile idx = IdxFile.readImages(f);
        assertEquals(3, idx.count());
        assertEquals(4, idx.itemSize());
        assertArrayEquals(new int[]{3, 2, 2}, idx.dims());
        assertEquals(16, idx.dataOffset());
    }

    @Test
    void readsGzippedLabels() throws IOException {
        byte[] raw = IdxFiles.labels(IdxFile.LABELS_MAGIC, 4, 1, 2, 3, 9);
        Path f = IdxFiles.write(dir, "labels.gz", IdxFiles.gzip(raw));
        IdxFile idx = IdxFile.readLabels(f);
        assertEquals(4, idx.count());
        assertArrayEquals(raw, idx.bytes());
    }

    @Test
    void wrongMagicNamesFileAndBothNumbers() throws IOException {
        Path f = IdxFiles.write(dir, "swapped", IdxFiles.labels(IdxFile.LABELS_MAGIC, 2, 1, 2));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.readImages(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());
        assertTrue(e.getMessage().contains("labels file"), e.getMessage());
    }

    @Test
    void truncatedFileSaysHowShort() throws IOException {
        byte[] full = IdxFiles.images(IdxFile.IMAGES_MAGIC, 3, 2, 2, 3);
        Path f = IdxFiles.write(dir, "short", Arrays.copyOf(full, full.length - 1));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.readImages(f));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("28 bytes")
                && e.getMessage().contains("27 bytes"), e.getMessage());
    }

    @Test
    void countLargerThanDataIsTruncation() throws IOException {
        Path f = IdxFiles.write(dir, "count", IdxFiles.labels(IdxFile.LABELS_MAGIC, 5, 1, 2, 3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.readLabels(f));
        assertTrue(e.getMessage().contains("announces 5 labels"), e.getMessage());
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        Path f = IdxFiles.write(dir, "long", IdxFiles.labels(IdxFile.LABELS_MAGIC, 2, 1, 2, 3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.readLabels(f));
        assertTrue(e.getMessage().contains("trailing bytes"), e.getMessage());
    }

    @Test
    void headerTooShort() throws IOException {
        Path f = IdxFiles.write(dir, "tiny", new byte[]{0, 0, 8, 3, 0, 0});
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.readImages(f));
        assertTrue(e.getMessage().contains("too short for the 16-byte header"), e.getMessage());
    }

    @Test
    void nonPositiveDimension() throws IOException {
        Path f = IdxFiles.write(dir, "zero", IdxFiles.images(IdxFile.IMAGES_MAGIC, 2, 0, 2, 0));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.readImages(f));
        assertTrue(e.getMessage().contains("dimension 1"), e.getMessage());
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.labels(IdxFile.LABELS_MAGIC, 3, 1, 2, 3));
        Path f = IdxFiles.write(dir, "bad.gz", Arrays.copyOf(gz, gz.length - 6));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.readLabels(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nothing-here");
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.readLabels(f));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aHeaderWhoseSizesOverflowIsReportedNotWrapped() throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + 8);
        b.putInt(IdxFile.IMAGES_MAGIC).putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE);
        Path f = IdxFiles.write(dir, "overflow", b.array());
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.readImages(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("more values than any file holds"), e.getMessage());
        Path folder = java.nio.file.Files.createDirectory(dir.resolve("folder"));
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxFile.readLabels(folder)).getMessage().contains("is a folder"));
    }
}
