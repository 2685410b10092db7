package dlnb.backend;

/**
 * One NVIDIA GPU as nvidia-smi reports it. {@code computeCapability} is e.g. 8.6, or NaN when the driver is too
 * old to report it.
 */
public record Gpu(String name, double computeCapability) {

    /** ND4J 1.0.0-M2.1's CUDA builds carry machine code for capabilities 3.7 to 8.6 and no PTX (see SPEC.md). */
    public static final double MIN_SUPPORTED = 3.7;
    public static final double MAX_SUPPORTED = 8.9;

    public boolean capabilityKnown() {
        return !Double.isNaN(computeCapability);
    }

    /** Whether ND4J 1.0.0-M2.1's CUDA kernels can run on this GPU. */
    public boolean supportedByNd4j() {
        return capabilityKnown() && computeCapability >= MIN_SUPPORTED - 1e-9 && computeCapability <= MAX_SUPPORTED + 1e-9;
    }

    @Override
    public String toString() {
        return name + (capabilityKnown() ? " (compute capability " + computeCapability + ")" : " (compute capability unknown)");
    }
}
