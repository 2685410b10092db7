package dlnb.backend;

/** What {@link Backend#describe()} found; {@code toString()} prints it as aligned lines. */
public record BackendReport(String backend, String nd4jVersion, String device, String cpuVectorIsa,
                            String nativeBuild, String threads, String blas, String openblasCoretype,
                            String ompNumThreadsEnv, String ompWaitPolicyEnv, String elementwise, String convolutions, String gpu,
                            String kernel) {

    public boolean onCpu() {
        return backend.contains("Cpu");
    }

    @Override
    public String toString() {
        return String.join("\n",
                line("ND4J backend", backend + " (ND4J " + nd4jVersion + ")"),
                line("Device", device),
                line("CPU vector ISA", cpuVectorIsa),
                line("Native build", nativeBuild),
                line("Threads", threads + " (OMP_NUM_THREADS " + ompNumThreadsEnv + ", OMP_WAIT_POLICY " + ompWaitPolicyEnv + ")"),
                line("BLAS", blas + " (OPENBLAS_CORETYPE " + openblasCoretype + ")"),
                line("Element-wise", elementwise),
                line("Convolutions", convolutions),
                line("GPU", gpu),
                line("Kernel", kernel));
    }

    private static String line(String key, String value) {
        return String.format("%-15s %s", key, value);
    }
}
