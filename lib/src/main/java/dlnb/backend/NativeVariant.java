package dlnb.backend;

import java.util.Locale;

/**
 * Which build of ND4J's native CPU library to load. dlnb ships three oneDNN builds of nd4j-native:
 * generic x86-64, AVX2 and AVX-512. The AVX builds are faster, but a CPU without those instructions
 * crashes on them, so the choice follows the CPU's flags. JavaCPP reads the choice from the system
 * property {@value #PROPERTY}; it must be set before ND4J first loads.
 */
public enum NativeVariant {
    ONEDNN_AVX512("-onednn-avx512", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"),
    ONEDNN_AVX2("-onednn-avx2", "avx2", "fma", "f16c"),
    ONEDNN("-onednn");

    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private final String extension;
    private final String[] requiredFlags;

    NativeVariant(String extension, String... requiredFlags) {
        this.extension = extension;
        this.requiredFlags = requiredFlags;
    }

    /** The JavaCPP platform extension, e.g. "-onednn-avx512". */
    public String extension() {
        return extension;
    }

    /** The fastest build this CPU can run. */
    public static NativeVariant bestFor(CpuFeatures cpu) {
        for (NativeVariant v : values()) {
            if (cpu.has(v.requiredFlags)) return v;
        }
        return ONEDNN;
    }

    /** The build named by an extension such as "-onednn-avx2", or null when it is not one of ours. */
    public static NativeVariant fromExtension(String extension) {
        for (NativeVariant v : values()) {
            if (v.extension.equals(extension)) return v;
        }
        return null;
    }

    /** Whether {@code cpu} has every instruction this build uses. */
    public boolean runsOn(CpuFeatures cpu) {
        return cpu.has(requiredFlags);
    }

    /**
     * Sets {@value #PROPERTY} to the best build for this CPU, unless it is already set (a user's choice, or the
     * kernel's command line) or this is not Linux on x86-64. Returns the variant in force, or null if none of ours.
     */
    public static synchronized NativeVariant selectForThisMachine() {
        String current = System.getProperty(PROPERTY);
        if (current != null) return fromExtension(current);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) return null;
        NativeVariant best = bestFor(CpuFeatures.current());
        System.setProperty(PROPERTY, best.extension);
        return best;
    }

    /** Prints the best extension for this CPU: the set-up script puts it on the notebook kernel's command line. */
    public static void main(String[] args) {
        System.out.println(bestFor(CpuFeatures.current()).extension);
    }
}
