package dlnb.backend;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpenBlasCoreTest {
    private static CpuFeatures cpu(String flags) {
        return CpuFeatures.parse(List.of("processor\t: 0", "model name\t: AMD EPYC", "flags\t\t: " + flags));
    }

    @Test
    void avx512CpusGetTheSkylakeXKernels() {
        assertEquals("SkylakeX", OpenBlasCore.bestFor(cpu("avx avx2 fma f16c avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16")));
    }

    @Test
    void otherCpusLeaveOpenBlasToItsOwnDetection() {
        assertEquals("", OpenBlasCore.bestFor(cpu("avx avx2 fma f16c avx512f avx512cd")), "AVX-512 without BW, DQ, VL");
        assertEquals("", OpenBlasCore.bestFor(cpu("sse4_2 avx avx2 fma f16c")));
        assertEquals("", OpenBlasCore.bestFor(cpu("")));
    }
}
