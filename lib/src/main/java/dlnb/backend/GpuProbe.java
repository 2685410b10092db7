package dlnb.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds NVIDIA GPUs without touching CUDA: asks {@code nvidia-smi} for each GPU's name and compute capability.
 * No nvidia-smi, a failing one or a hanging one (killed after a few seconds) all mean "no usable GPU".
 */
public final class GpuProbe {
    private static final long TIMEOUT_SECONDS = 10;

    private GpuProbe() {
    }

    public static List<Gpu> detect() {
        String output = run("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader");
        if (output == null) {
            // Drivers older than 510 do not know the compute_cap field: ask for names only.
            output = run("nvidia-smi", "--query-gpu=name", "--format=csv,noheader");
        }
        return output == null ? List.of() : parse(output);
    }

    /** Parses nvidia-smi's CSV lines "name, 8.6" (or just "name"). */
    public static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("No devices")) continue;
            int comma = line.lastIndexOf(',');
            String name = comma < 0 ? line : line.substring(0, comma).trim();
            double capability = Double.NaN;
            if (comma >= 0) {
                try {
                    capability = Double.parseDouble(line.substring(comma + 1).trim());
                } catch (NumberFormatException e) {
                    name = line;
                }
            }
            gpus.add(new Gpu(name, capability));
        }
        return gpus;
    }

    private static String run(String... command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException | SecurityException e) {
            return null;
        }
        try (InputStream in = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return null;
        }
    }
}
