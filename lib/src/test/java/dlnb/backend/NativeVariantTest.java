package dlnb.backend;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeVariantTest {
    private static CpuFeatures cpu(String flags) {
        return CpuFeatures.parse(List.of("processor\t: 0", "model name\t: Test CPU", "flags\t\t: " + flags));
    }

    @Test
    void avx512CpuGetsTheAvx512Build() {
        CpuFeatures c = cpu("sse4_2 avx avx2 fma f16c avx512f avx512cd avx512bw avx512dq avx512vl");
        assertEquals(NativeVariant.ONEDNN_AVX512, NativeVariant.bestFor(c));
        assertEquals("Test CPU", c.modelName());
    }

    @Test
    void avx512WithoutBwOrVlIsNotEnough() {
        // Knights Landing has AVX-512 F/CD but not BW/DQ/VL, which the Skylake-level build uses.
        CpuFeatures c = cpu("avx avx2 fma f16c avx512f avx512cd");
        assertEquals(NativeVariant.ONEDNN_AVX2, NativeVariant.bestFor(c));
        assertFalse(NativeVariant.ONEDNN_AVX512.runsOn(c));
    }

    @Test
    void avx2CpuGetsTheAvx2Build() {
        assertEquals(NativeVariant.ONEDNN_AVX2, NativeVariant.bestFor(cpu("sse4_2 avx avx2 fma f16c")));
    }

    @Test
    void oldCpuGetsTheGenericBuild() {
        assertEquals(NativeVariant.ONEDNN, NativeVariant.bestFor(cpu("sse4_2 avx")));
        assertEquals(NativeVariant.ONEDNN, NativeVariant.bestFor(cpu("")));
        assertTrue(NativeVariant.ONEDNN.runsOn(cpu("")));
    }

    @Test
    void extensionsRoundTrip() {
        for (NativeVariant v : NativeVariant.values()) assertEquals(v, NativeVariant.fromExtension(v.extension()));
        assertNull(NativeVariant.fromExtension("-avx2"));
    }

    @Test
    void summaryNamesTheVectorExtensions() {
        String s = cpu("sse4_2 avx avx2 fma avx512f avx512bw").vectorSummary();
        assertEquals("SSE4.2 AVX AVX2 FMA AVX-512(F BW)", s);
    }

    @Test
    void theTestJvmRunsTheBuildThatFitsThisCpu() {
        // Set by the test session listener before any test, as the kernel's command line does in notebooks.
        NativeVariant chosen = NativeVariant.fromExtension(System.getProperty(NativeVariant.PROPERTY));
        assertEquals(NativeVariant.bestFor(CpuFeatures.current()), chosen);
    }
}
