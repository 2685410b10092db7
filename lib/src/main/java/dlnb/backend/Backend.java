package dlnb.backend;

import dlnb.ops.Simd;
import org.bytedeco.javacpp.Loader;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * What ND4J computes on, chosen before ND4J starts: the native CPU build that fits this CPU
 * ({@link NativeVariant}) and whether a GPU can be used ({@link GpuDecision}). Library entry points call
 * {@link #init()}; call it yourself first when a notebook touches ND4J directly before any dlnb class.
 */
public final class Backend {
    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static GpuDecision gpuDecision;

    private Backend() {
    }

    /**
     * Picks the native build and the device, then starts ND4J with per-op checks off and the {@link Threads#tuned()}
     * thread settings, and starts compiling the Vector API passes in the background. Runs once; later calls return the
     * first decision.
     */
    public static synchronized GpuDecision init() {
        if (gpuDecision != null) return gpuDecision;
        NativeVariant.selectForThisMachine();
        boolean cudaPresent = ND4JClassLoading.classPresentOnClasspath(CUDA_BACKEND_CLASS);
        GpuDecision decision = GpuDecision.decide(GpuProbe.detect(), cudaPresent);
        if (!decision.useCuda() && cudaPresent) {
            ND4JClassLoading.setNd4jClassloader(new CpuOnlyClassLoader(ND4JClassLoading.getNd4jClassloader()));
        }
        gpuDecision = decision;
        // ND4J 1.0.0-M2.1 checks every op's inputs by default (SCOPE_PANIC); that costs more than small ops themselves.
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        Threads.tuned().apply();
        Simd.warmUp();
        return decision;
    }

    /** A report of backend, device, native build, threads and BLAS; starts ND4J if it is not running yet. */
    public static BackendReport describe() {
        GpuDecision decision = init();
        CpuFeatures cpu = CpuFeatures.current();
        var environment = Nd4j.getEnvironment();
        var blas = Nd4j.factory().blas();
        Threads threads = Threads.current();
        String loaded = loadedNativeBuild();
        NativeVariant loadedVariant = NativeVariant.fromExtension(loaded.replaceFirst("^linux-x86_64", ""));
        String variantNote = loadedVariant == null ? ""
                : loadedVariant.runsOn(cpu) ? (loadedVariant == NativeVariant.bestFor(cpu) ? " (the best fit for this CPU)" : " (runs on this CPU; a faster build fits it)")
                : " (WARNING: this CPU lacks instructions this build uses)";
        return new BackendReport(
                Nd4j.getBackend().getClass().getSimpleName(),
                nd4jVersion(),
                environment.isCPU() ? "CPU: " + cpu.modelName() + ", " + Runtime.getRuntime().availableProcessors() + " cores"
                        : "GPU: " + (decision.gpu() == null ? "unknown" : decision.gpu().toString()),
                cpu.vectorSummary(),
                loaded + variantNote,
                threads.toString(),
                String.valueOf(blas.getBlasVendor()),
                envOrUnset("OPENBLAS_CORETYPE"),
                envOrUnset("OMP_NUM_THREADS"),
                envOrUnset("OMP_WAIT_POLICY"),
                dlnb.ops.Simd.describe(),
                dlnb.ops.OneDnn.describe(),
                decision.message(),
                jupyterKernel());
    }

    /** Prints {@link #describe()}. */
    public static void main(String[] args) {
        System.out.println(describe());
    }

    /** The native build ND4J loaded, e.g. "linux-x86_64-onednn-avx512" (the folder its library came from). */
    public static String loadedNativeBuild() {
        for (Map.Entry<String, String> lib : Loader.getLoadedLibraries().entrySet()) {
            String path = lib.getValue();
            if (path != null && path.contains("jnind4j")) {
                String[] parts = path.replace('\\', '/').split("/");
                return parts.length >= 2 ? parts[parts.length - 2] : path;
            }
        }
        return "not loaded yet";
    }

    /**
     * Which Jupyter kernel runs this JVM; for rapaio-jupyter-kernel also where its message loop class came from:
     * dlnb's kernel patch (kernel-patch/, which fixes the loop that left 3.0.1 hanging at start) or rapaio's own jar.
     */
    static String jupyterKernel() {
        Class<?> rapaio = kernelClass("org.rapaio.jupyter.kernel.MainApp");
        if (rapaio != null) {
            String kernelJar = jarOf(rapaio);
            Class<?> loop = kernelClass("org.rapaio.jupyter.kernel.channels.LoopThread");
            String loopJar = loop == null ? "none" : jarOf(loop);
            return "rapaio-jupyter-kernel (" + kernelJar + "), message loop from " + loopJar
                    + (loopJar.equals(kernelJar) ? " (WARNING: the unfixed loop, which can hang at start; run environment/install-kernel.sh)"
                    : " (dlnb's fixed loop)");
        }
        if (kernelClass("org.dflib.jjava.kernel.JavaKernel") != null) return "JJava";
        if (kernelClass("io.github.spencerpark.ijava.IJava") != null) return "IJava";
        return "none (not running in a Jupyter kernel)";
    }

    private static Class<?> kernelClass(String name) {
        // The kernel's classes sit on the JVM's class path; notebook code runs in a child class loader.
        try {
            return Class.forName(name, false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String jarOf(Class<?> c) {
        var source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return "unknown";
        String path = source.getLocation().getPath();
        return path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
    }

    private static String nd4jVersion() {
        try {
            return String.valueOf(Loader.getVersion("org.nd4j", "nd4j-native"));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String envOrUnset(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? "unset" : value;
    }
}
