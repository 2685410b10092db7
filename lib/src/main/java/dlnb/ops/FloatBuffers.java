package dlnb.ops;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A float32 ND4J array's memory as a ByteBuffer, for the Vector API passes: they read and write the array where ND4J
 * keeps it, off the Java heap, without copying. Only whole contiguous arrays (or contiguous views) qualify; the
 * buffer is valid while the array lives, so a kernel keeps the array it was bound to.
 */
final class FloatBuffers {
    private FloatBuffers() {
    }

    static boolean fits(INDArray a) {
        return contiguousFloats(a) && Simd.enabled();
    }

    /** A whole contiguous float32 array (or contiguous view) below 2 GiB, whatever the JVM's modules. */
    static boolean contiguousFloats(INDArray a) {
        return a.dataType() == DataType.FLOAT && (a.elementWiseStride() == 1 || a.length() == 1)
                && (a.ordering() == 'c' || a.isVector()) && a.length() < Integer.MAX_VALUE / 4;
    }

    static ByteBuffer of(INDArray a) {
        if (!contiguousFloats(a)) throw new IllegalArgumentException("a fused pass needs a contiguous float32 array, got " + a.dataType()
                + " " + java.util.Arrays.toString(a.shape()) + " order " + a.ordering());
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        long start = p.position() + a.offset() - a.data().offset();
        p.position(start).limit(start + a.length());
        return p.asByteBuffer().order(ByteOrder.nativeOrder());
    }
}
