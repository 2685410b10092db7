package dlnb.io;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's .npy format (version 1.0): a magic string, a header dict giving dtype, order and shape, then the values
 * little-endian in C order. Reads and writes float32 ('<f4') and float64 ('<f8').
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=]?[a-z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** numpy writes headers of a few hundred bytes; anything far longer is damage. */
    private static final long MAX_HEADER = 1 << 16;
    /** One Java array holds at most about 2^31 bytes. */
    private static final long MAX_VALUES_BYTES = Integer.MAX_VALUE - 16;

    private Npy() {
    }

    public static void write(INDArray array, OutputStream out) throws IOException {
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException(".npy export supports float32 and float64, not " + type);
        }
        StringBuilder shape = new StringBuilder();
        for (long d : array.shape()) shape.append(d).append(", ");
        String dict = "{'descr': '" + (type == DataType.FLOAT ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': ("
                + (array.rank() == 1 ? shape : shape.toString().replaceAll(", $", "")) + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        out.write(MAGIC);
        out.write(new byte[]{1, 0});
        out.write(new byte[]{(byte) (header.length() & 0xFF), (byte) (header.length() >> 8)});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        INDArray c = array.dup('c');
        int width = type == DataType.FLOAT ? 4 : 8;
        ByteBuffer data = ByteBuffer.allocate((int) c.length() * width).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.FLOAT) data.asFloatBuffer().put(c.data().asFloat());
        else data.asDoubleBuffer().put(c.data().asDouble());
        out.write(data.array());
    }

    /** Reads one array from a stream whose length is not known (see {@link #read(InputStream, String, long)}). */
    public static INDArray read(InputStream in, String name) throws IOException {
        return read(in, name, -1);
    }

    /**
     * Reads one array. {@code name} says where it comes from (messages start with it); {@code size} is the number of
     * bytes the stream holds, or -1 if unknown. The header's shape is checked against that size before the values
     * are allocated, so a damaged header fails with a {@link DamagedFileException} instead of a huge allocation; a
     * stream that ends early fails the same way. Arrays of other types than float32/float64 fail with an
     * IOException that says so.
     */
    public static INDArray read(InputStream in, String name, long size) throws IOException {
        byte[] magic = readExactly(in, MAGIC.length, name, "the magic string");
        if (!Arrays.equals(magic, MAGIC)) {
            throw new DamagedFileException(name, "it does not start with the .npy magic string (\\x93NUMPY)");
        }
        byte[] version = readExactly(in, 2, name, "the version");
        int major = version[0] & 0xFF;
        if (major < 1 || major > 3) throw new DamagedFileException(name, "unknown .npy format version " + major + "." + (version[1] & 0xFF));
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lengthField = ByteBuffer.wrap(readExactly(in, lengthBytes, name, "the header length")).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? Short.toUnsignedInt(lengthField.getShort()) : Integer.toUnsignedLong(lengthField.getInt());
        long prefix = MAGIC.length + 2 + lengthBytes;
        if (headerLength > MAX_HEADER || (size >= 0 && prefix + headerLength > size)) {
            throw new DamagedFileException(name, "the header claims " + headerLength + " bytes"
                    + (size >= 0 ? " but the array holds " + size + " bytes in all" : ""));
        }
        String header = new String(readExactly(in, (int) headerLength, name, "the header"), StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, name, "dtype");
        boolean fortran = find(FORTRAN, header, name, "order").equals("True");
        long[] shape = parseShape(find(SHAPE, header, name, "shape"), name);
        DataType type = switch (descr) {
            case "<f4", "f4" -> DataType.FLOAT;
            case "<f8", "f8" -> DataType.DOUBLE;
            default -> throw new IOException(name + " holds " + descr + " values; only little-endian float32/float64 are read");
        };
        if (fortran) throw new IOException(name + " is stored in Fortran order; save it in C order");
        int width = type == DataType.FLOAT ? 4 : 8;
        long count = 1;
        try {
            for (long d : shape) count = Math.multiplyExact(count, d);
            long dataBytes = Math.multiplyExact(count, width);
            if (size >= 0 && prefix + headerLength + dataBytes != size) {
                throw new DamagedFileException(name, "its header announces shape " + Arrays.toString(shape) + " (" + dataBytes
                        + " bytes of values) but " + (size - prefix - headerLength) + " bytes follow the header");
            }
            if (dataBytes > MAX_VALUES_BYTES) {
                throw new IOException(name + " holds " + count + " values (" + dataBytes / (1 << 20) + " MiB), more than this reader"
                        + " takes in one array (" + MAX_VALUES_BYTES / (1 << 20) + " MiB)");
            }
        } catch (ArithmeticException e) {
            throw new DamagedFileException(name, "its header announces an impossible shape " + Arrays.toString(shape));
        }
        byte[] raw = readExactly(in, (int) (count * width), name, "the values");
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.FLOAT) {
            float[] values = new float[(int) count];
            buffer.asFloatBuffer().get(values);
            return Nd4j.create(values, shape, 'c');
        }
        double[] values = new double[(int) count];
        buffer.asDoubleBuffer().get(values);
        return Nd4j.create(values, shape, 'c');
    }

    /** n bytes, or a DamagedFileException if the stream ends first (never allocates more than the stream holds). */
    private static byte[] readExactly(InputStream in, int n, String name, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new DamagedFileException(name, "it ends after " + bytes.length + " of the " + n + " bytes of " + what);
        }
        return bytes;
    }

    private static String find(Pattern p, String header, String name, String what) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new DamagedFileException(name, "the .npy header has no " + what + ": " + printable(header));
        return m.group(1);
    }

    private static long[] parseShape(String text, String name) throws IOException {
        try {
            long[] shape = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            for (long d : shape) if (d < 0) throw new NumberFormatException("negative size " + d);
            return shape;
        } catch (NumberFormatException e) {
            throw new DamagedFileException(name, "the .npy header's shape (" + printable(text) + ") is not a list of sizes");
        }
    }

    /** At most 200 characters of a header, with control characters shown as '?'. */
    private static String printable(String text) {
        String t = text.trim().replaceAll("[^\\x20-\\x7E]", "?");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    static byte[] toBytes(INDArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(array, out);
        return out.toByteArray();
    }
}
