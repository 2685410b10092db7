package dlnb.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The CPU's model name and instruction-set flags, as Linux reports them in /proc/cpuinfo. */
public record CpuFeatures(String modelName, Set<String> flags) {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** This machine's CPU; an empty flag set where /proc/cpuinfo cannot be read (not Linux). */
    public static CpuFeatures current() {
        try {
            return parse(Files.readAllLines(CPUINFO));
        } catch (IOException | SecurityException e) {
            return new CpuFeatures("unknown", Set.of());
        }
    }

    /** Reads the first processor's "model name" and "flags" lines. */
    public static CpuFeatures parse(List<String> cpuinfoLines) {
        String model = "unknown";
        Set<String> flags = Set.of();
        for (String line : cpuinfoLines) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) model = value;
            if (key.equals("flags") && flags.isEmpty()) {
                flags = Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(value.split("\\s+"))));
            }
        }
        return new CpuFeatures(model, flags);
    }

    public boolean has(String... required) {
        return flags.containsAll(Arrays.asList(required));
    }

    /** The vector extensions that matter for ND4J's builds, e.g. "AVX2 FMA AVX-512(F BW DQ VL CD)". */
    public String vectorSummary() {
        StringBuilder s = new StringBuilder();
        for (String f : new String[]{"sse4_2", "avx", "avx2", "fma"}) {
            if (flags.contains(f)) s.append(s.isEmpty() ? "" : " ").append(f.toUpperCase().replace('_', '.'));
        }
        StringBuilder avx512 = new StringBuilder();
        for (String f : new String[]{"f", "cd", "bw", "dq", "vl", "vnni"}) {
            if (flags.contains("avx512" + f)) avx512.append(avx512.isEmpty() ? "" : " ").append(f.toUpperCase());
        }
        if (!avx512.isEmpty()) s.append(s.isEmpty() ? "" : " ").append("AVX-512(").append(avx512).append(')');
        return s.isEmpty() ? "none reported" : s.toString();
    }
}
