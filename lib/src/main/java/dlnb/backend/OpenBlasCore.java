package dlnb.backend;

/**
 * Which of OpenBLAS's kernel families the library's BLAS calls should use. ND4J's OpenBLAS (0.3.19) picks them from
 * the CPU's model and takes AVX-512 CPUs it does not know for older ones: on an AMD EPYC with AVX-512 it chose its
 * "Zen" (AVX2) kernels. Its SkylakeX kernels run on every CPU with AVX-512 F, CD, BW, DQ and VL, the set the AVX-512
 * build of ND4J needs too. There, with OPENBLAS_CORETYPE=SkylakeX, W2-50's first layer took 118-135 µs forward and
 * 127-162 µs backward instead of 158-184 and 162-184 µs (LayerProfile W2_50 6000, 3 interleaved runs each).
 * <p>OpenBLAS reads OPENBLAS_CORETYPE once, when it loads, before any Java code runs; so the set-up puts it in the
 * notebook kernel's environment and the benchmark exports it. A value the user set is kept.
 */
public final class OpenBlasCore {
    private OpenBlasCore() {
    }

    /** "SkylakeX" for a CPU with the AVX-512 subsets above, else "" (OpenBLAS's own detection is right there). */
    public static String bestFor(CpuFeatures cpu) {
        return NativeVariant.ONEDNN_AVX512.runsOn(cpu) ? "SkylakeX" : "";
    }

    /** Prints the kernel family for this CPU (an empty line for none): the set-up scripts read it. */
    public static void main(String[] args) {
        System.out.println(bestFor(CpuFeatures.current()));
    }
}
