package dlnb.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The contents of one IDX file (the format MNIST is distributed in): a big-endian header with a magic
 * number and the size of each dimension, followed by the values as unsigned bytes.
 * Reads the raw file or its gzip-compressed form and checks the header against the file's length.
 */
public record IdxFile(Path path, int magic, int[] dims, byte[] bytes, int dataOffset) {

    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    /** One Java array holds at most about 2 GiB. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    /** Reads an image file: magic 0x803, then count, rows, columns. */
    public static IdxFile readImages(Path path) throws IOException {
        return read(path, IMAGES_MAGIC, "images");
    }

    /** Reads a label file: magic 0x801, then count. */
    public static IdxFile readLabels(Path path) throws IOException {
        return read(path, LABELS_MAGIC, "labels");
    }

    /** Number of items (images or labels): the first dimension. */
    public int count() {
        return dims[0];
    }

    /** Values per item: the product of the dimensions after the first (784 for a 28x28 image). */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) size *= dims[i];
        return size;
    }

    private static IdxFile read(Path path, int expectedMagic, String kind) throws IOException {
        byte[] bytes = contents(path);
        try {
            return parse(path, bytes, expectedMagic, kind);
        } catch (ArithmeticException e) {
            throw new IdxFormatException(path, "its header announces more values than any file holds (damaged header?)");
        }
    }

    private static IdxFile parse(Path path, byte[] bytes, int expectedMagic, String kind) throws IOException {
        if (bytes.length < 4) {
            throw new IdxFormatException(path, "is " + bytes.length + " bytes long, too short to be an IDX " + kind + " file");
        }
        int magic = ByteBuffer.wrap(bytes, 0, 4).getInt();
        if (magic != expectedMagic) {
            String hint = magic == IMAGES_MAGIC ? " (that is an images file)"
                    : magic == LABELS_MAGIC ? " (that is a labels file)"
                    : " (not an IDX file, or not decompressed)";
            throw new IdxFormatException(path, String.format(
                    "wrong magic number 0x%08X%s; an IDX %s file starts with 0x%08X", magic, hint, kind, expectedMagic));
        }
        int dimCount = expectedMagic & 0xFF;
        int headerLength = 4 + 4 * dimCount;
        if (bytes.length < headerLength) {
            throw new IdxFormatException(path, "is " + bytes.length + " bytes long, too short for the "
                    + headerLength + "-byte header of an IDX " + kind + " file");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 4, headerLength - 4);
        int[] dims = new int[dimCount];
        long expectedLength = headerLength;
        long values = 1;
        for (int i = 0; i < dimCount; i++) {
            dims[i] = header.getInt();
            if (dims[i] <= 0) {
                throw new IdxFormatException(path, "dimension " + i + " of the header is " + dims[i] + "; it must be positive");
            }
            values = Math.multiplyExact(values, dims[i]);  // at most 2^93 for three ints: may overflow
        }
        expectedLength += values;
        if (bytes.length != expectedLength) {
            String problem = bytes.length < expectedLength ? "is truncated" : "has trailing bytes";
            throw new IdxFormatException(path, problem + ": its header announces " + dims[0] + " " + kind
                    + " (" + expectedLength + " bytes in all) but the file holds " + bytes.length + " bytes");
        }
        return new IdxFile(path, magic, dims, bytes, headerLength);
    }

    private static byte[] contents(Path path) throws IOException {
        if (Files.isDirectory(path)) throw new IdxFormatException(path, "is a folder, not an IDX file");
        byte[] raw;
        try {
            raw = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(path, "file not found", e);
        }
        boolean gzip = raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B;
        if (!gzip) return raw;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            byte[] bytes = in.readNBytes(MAX_BYTES);
            if (in.read() != -1) throw new IdxFormatException(path, "expands to more than " + (MAX_BYTES >> 20) + " MiB: not an IDX file");
            return bytes;
        } catch (EOFException | ZipException e) {
            throw new IdxFormatException(path, "the gzip stream is truncated or corrupt (" + e.getMessage() + ")", e);
        }
    }
}
