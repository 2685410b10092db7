package dlnb.backend;

import java.util.List;

/**
 * Whether ND4J may use its CUDA backend here, and one plain sentence saying why. Made before ND4J starts:
 * ND4J 1.0.0-M2.1 would pick a Hopper (or newer) GPU and then fail on its first kernel.
 */
public record GpuDecision(boolean useCuda, Gpu gpu, String message) {

    public static GpuDecision decide(List<Gpu> gpus, boolean cudaBackendPresent) {
        if (gpus.isEmpty()) {
            return new GpuDecision(false, null, "No NVIDIA GPU found: ND4J runs on the CPU.");
        }
        Gpu supported = gpus.stream().filter(Gpu::supportedByNd4j).findFirst().orElse(null);
        Gpu first = gpus.get(0);
        if (supported == null) {
            String why = first.capabilityKnown()
                    ? "its compute capability " + first.computeCapability() + " is outside the 3.7-8.9 range that ND4J "
                    + "1.0.0-M2.1's CUDA build can run on"
                    : "the driver does not report its compute capability, so dlnb cannot tell whether ND4J 1.0.0-M2.1's "
                    + "CUDA build (capability 3.7-8.9) can run on it";
            return new GpuDecision(false, first, "Found " + first.name() + ", but " + why + ": ND4J runs on the CPU.");
        }
        if (!cudaBackendPresent) {
            return new GpuDecision(false, supported, "Found " + supported + ", but the CUDA backend is not installed "
                    + "(build with `mvn -Pcuda package`): ND4J runs on the CPU.");
        }
        return new GpuDecision(true, supported, "Using " + supported + " with ND4J's CUDA backend.");
    }
}
