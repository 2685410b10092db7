package dlnb.ops;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * oneDNN called directly, through JavaCPP's preset of it, for work that ND4J's ops cannot do: keeping oneDNN's own
 * memory layouts from one primitive to the next ({@link OneDnnChain}). ND4J's conv2d and conv2d_bp convert their
 * plain NCHW arrays to those layouts and back on every call, which took 2.5 ms of W3's 6-8 ms training step.
 * <p>
 * Used only where it loads (the preset's native build is there for Linux on x86-64) and ND4J runs on the CPU; it can
 * be switched off with {@code -Ddlnb.onednn=false}, which leaves every layer to its ND4J ops.
 */
public final class OneDnn {
    private static final Object LOCK = new Object();
    private static Boolean usable;
    private static engine cpu;

    private OneDnn() {
    }

    /** Whether chains of oneDNN primitives can run here (the library loads, ND4J is on the CPU, not switched off). */
    public static boolean usable() {
        synchronized (LOCK) {
            if (usable == null) usable = load();
            return usable;
        }
    }

    /** One line for the backend report: whether the chains run, and if not, why. */
    public static String describe() {
        if (usable()) {
            dnnl_version_t v = dnnl.dnnl_version();
            String version = v.major() + "." + v.minor() + "." + v.patch();
            return "oneDNN chains for Conv2D and MaxPool2D (oneDNN " + version + ", called directly)";
        }
        if (switchedOff()) return "ND4J's ops (oneDNN chains switched off with -Ddlnb.onednn=false)";
        if (!Nd4j.getEnvironment().isCPU()) return "ND4J's ops (oneDNN chains are for the CPU)";
        return "ND4J's ops (oneDNN's preset did not load: " + whyNot + ")";
    }

    private static String whyNot = "";

    private static boolean switchedOff() {
        return "false".equalsIgnoreCase(System.getProperty("dlnb.onednn"));
    }

    private static boolean load() {
        // ND4J first: it loads libgomp, and the preset's oneDNN then binds to that same OpenMP runtime (its own copy
        // of libgomp is never mapped), so the one-thread setting of each part of a split batch reaches oneDNN too.
        if (switchedOff() || !Nd4j.getEnvironment().isCPU()) return false;
        try {
            cpu = new engine(engine.kind.cpu, 0);
            return true;
        } catch (Throwable notHere) { // no native build for this platform: UnsatisfiedLinkError, NoClassDefFoundError
            whyNot = notHere.getClass().getSimpleName() + ": " + notHere.getMessage();
            return false;
        }
    }

    static engine engine() {
        if (!usable()) throw new IllegalStateException("oneDNN is not usable here");
        return cpu;
    }

    /** A float32 memory descriptor with the given dimensions and layout (format_tag.any lets a primitive choose). */
    static memory.desc desc(long[] dims, memory.format_tag layout) {
        return new memory.desc(dims, memory.data_type.f32, layout);
    }

    static memory.desc any(long... dims) {
        return desc(dims, memory.format_tag.any);
    }

    /** Memory that oneDNN allocates and owns, in the layout a primitive chose. */
    static memory owned(memory.desc d) {
        return new memory(d, engine());
    }

    /** Memory in a plain layout over an ND4J array's own buffer; {@link #point} moves it to another array. */
    static memory over(INDArray a, long[] dims, memory.format_tag layout) {
        return new memory(desc(dims, layout), engine(), address(a));
    }

    /** Memory in a plain layout with no buffer yet, for arrays that change from call to call ({@link #point}). */
    static memory unpointed(long[] dims, memory.format_tag layout) {
        return new memory(desc(dims, layout), engine(), (Pointer) null);
    }

    static void point(memory m, INDArray a) {
        m.set_data_handle(address(a));
    }

    /** Whether an array can lend its buffer to oneDNN as is: float32, contiguous, row-major. */
    static boolean lends(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && (a.elementWiseStride() == 1 || a.length() == 1);
    }

    /** Where ND4J keeps the first element of this contiguous float32 array (or view). */
    private static Pointer address(INDArray a) {
        if (!lends(a)) throw new IllegalArgumentException("oneDNN needs a contiguous float32 array, got " + a.dataType()
                + " " + java.util.Arrays.toString(a.shape()) + " order " + a.ordering());
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        long start = p.position() + a.offset() - a.data().offset();
        return new Address(p.address() + start * Float.BYTES);
    }

    /** A primitive's arguments: pairs of DNNL_ARG_* and memory. */
    static IntMemoryMap args(Object... argAndMemory) {
        IntMemoryMap m = new IntMemoryMap();
        for (int i = 0; i < argAndMemory.length; i += 2) m.put((Integer) argAndMemory[i], (memory) argAndMemory[i + 1]);
        return m;
    }

    /** A bare address, with no position or limit of its own. */
    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }
}
