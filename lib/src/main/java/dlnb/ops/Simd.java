package dlnb.ops;

/**
 * Whether the fused element-wise passes run on the JDK's Vector API ({@code jdk.incubator.vector}, SIMD instructions
 * from Java, with no call into native code per operation). The module must be added to the JVM
 * ({@code --add-modules jdk.incubator.vector}); the project's kernelspec, tests and benchmark do so. Without it (an
 * IJava kernel started without the flag, say) every pass falls back to the same computation as ND4J operations.
 * {@code -Ddlnb.simd=false} forces the fallback.
 */
public final class Simd {
    private static final boolean ENABLED = detect();

    private Simd() {
    }

    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * Starts compiling the Vector API passes in the background ({@link VectorWarmUp}), once per JVM; nothing when
     * the Vector API is off. {@code Backend.init()} calls it.
     */
    public static void warmUp() {
        if (ENABLED) VectorWarmUp.start();
    }

    /** Waits up to {@code seconds} for {@link #warmUp()} to finish; true if it has (or there is nothing to warm). */
    public static boolean awaitWarmUp(double seconds) throws InterruptedException {
        if (!ENABLED) return true;
        VectorWarmUp.start();
        return VectorWarmUp.await(seconds);
    }

    /** One line for the backend report. */
    public static String describe() {
        if (ENABLED) return "fused passes on the JDK Vector API (" + VectorKernels.species() + ")";
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return present ? "ND4J operations (the Vector API is switched off with -Ddlnb.simd=false)"
                : "ND4J operations (add --add-modules jdk.incubator.vector to the JVM for the faster fused passes)";
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("dlnb.simd"))) return false;
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
