package dlnb.backend;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GpuDecisionTest {
    @Test
    void parsesNvidiaSmiCsv() {
        List<Gpu> gpus = GpuProbe.parse("NVIDIA GeForce RTX 3090, 8.6\nNVIDIA H100 80GB HBM3, 9.0\n");
        assertEquals(List.of(new Gpu("NVIDIA GeForce RTX 3090", 8.6), new Gpu("NVIDIA H100 80GB HBM3", 9.0)), gpus);
    }

    @Test
    void parsesNamesWithoutCapability() {
        List<Gpu> gpus = GpuProbe.parse("Tesla K80\n");
        assertEquals("Tesla K80", gpus.get(0).name());
        assertFalse(gpus.get(0).capabilityKnown());
    }

    @Test
    void noGpuMeansCpu() {
        GpuDecision d = GpuDecision.decide(List.of(), true);
        assertFalse(d.useCuda());
        assertEquals("No NVIDIA GPU found: ND4J runs on the CPU.", d.message());
    }

    @Test
    void hopperIsRefusedByNameAndCapability() {
        GpuDecision d = GpuDecision.decide(List.of(new Gpu("NVIDIA H100 80GB HBM3", 9.0)), true);
        assertFalse(d.useCuda());
        assertTrue(d.message().contains("NVIDIA H100 80GB HBM3") && d.message().contains("9.0")
                && d.message().contains("3.7-8.9") && d.message().endsWith("ND4J runs on the CPU."), d.message());
    }

    @Test
    void adaIsTheNewestSupported() {
        assertTrue(new Gpu("NVIDIA GeForce RTX 4090", 8.9).supportedByNd4j());
        assertTrue(new Gpu("Tesla K80", 3.7).supportedByNd4j());
        assertFalse(new Gpu("Tesla K20", 3.5).supportedByNd4j());
        assertFalse(new Gpu("NVIDIA B200", 10.0).supportedByNd4j());
    }

    @Test
    void supportedGpuWithoutCudaBackendStaysOnCpu() {
        GpuDecision d = GpuDecision.decide(List.of(new Gpu("NVIDIA GeForce RTX 3090", 8.6)), false);
        assertFalse(d.useCuda());
        assertTrue(d.message().contains("-Pcuda"), d.message());
    }

    @Test
    void supportedGpuWithCudaBackendIsUsed() {
        GpuDecision d = GpuDecision.decide(List.of(new Gpu("NVIDIA H100", 9.0), new Gpu("NVIDIA A100", 8.0)), true);
        assertTrue(d.useCuda());
        assertEquals("NVIDIA A100", d.gpu().name());
    }

    @Test
    void unknownCapabilityIsNotRisked() {
        GpuDecision d = GpuDecision.decide(List.of(new Gpu("Some GPU", Double.NaN)), true);
        assertFalse(d.useCuda());
        assertTrue(d.message().contains("does not report its compute capability"), d.message());
    }

    @Test
    void thisMachineWithoutCudaBackendRunsOnTheCpu() {
        // The test classpath has no CUDA backend: whatever GPU is here, ND4J must run on the CPU.
        GpuDecision d = Backend.init();
        assertFalse(d.useCuda());
        assertTrue(Backend.describe().onCpu());
    }
}
