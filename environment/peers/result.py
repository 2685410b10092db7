"""The one line each peer prints, in the same tab-separated layout as dlnb.bench.Benchmark: workload, seconds,
images/s, test accuracy, settings, build, peak resident memory (MiB), then the optimizer step's mean seconds."""
import math


def peak_rss_mib():
    """VmHWM of this process, as the Java benchmark reads it."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def print_result(workload, seconds, images_per_second, accuracy, settings, build, update_seconds_per_step):
    print(f"{workload}\t{seconds:.2f}\t{images_per_second:,.0f}\t{accuracy:.4f}\t{settings}\t{build}\t"
          f"{peak_rss_mib():,.0f}\t{update_seconds_per_step:.6f}", flush=True)
