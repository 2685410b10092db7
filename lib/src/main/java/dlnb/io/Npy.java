package dlnb.io;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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

    public static INDArray read(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        data.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) throw new IOException(name + " is not a .npy array");
        int major = data.readUnsignedByte();
        data.readUnsignedByte();
        int headerLength = major == 1 ? Short.toUnsignedInt(Short.reverseBytes(data.readShort()))
                : Integer.reverseBytes(data.readInt());
        byte[] headerBytes = new byte[headerLength];
        data.readFully(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, name, "dtype");
        if (find(FORTRAN, header, name, "order").equals("True")) throw new IOException(name + " is stored in Fortran order; save it in C order");
        long[] shape = parseShape(find(SHAPE, header, name, "shape"));
        DataType type = switch (descr) {
            case "<f4", "f4" -> DataType.FLOAT;
            case "<f8", "f8" -> DataType.DOUBLE;
            default -> throw new IOException(name + " holds " + descr + " values; only little-endian float32/float64 are read");
        };
        long count = 1;
        for (long d : shape) count *= d;
        int width = type == DataType.FLOAT ? 4 : 8;
        byte[] raw = new byte[(int) (count * width)];
        data.readFully(raw);
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

    private static String find(Pattern p, String header, String name, String what) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IOException(name + ": the .npy header has no " + what + ": " + header.trim());
        return m.group(1);
    }

    private static long[] parseShape(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
    }

    static byte[] toBytes(INDArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(array, out);
        return out.toByteArray();
    }
}
