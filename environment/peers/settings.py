"""The peers' run-time settings, applied before numpy or torch is imported (their libraries read them on loading):
OpenBLAS's kernel for this CPU, thread counts, and a passive OpenMP wait policy (idle OpenMP threads sleep instead
of spinning, so they do not steal the core from the thread doing the work)."""
import argparse
import ctypes
import os

AVX512 = {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def openblas_coretype(flags):
    """OpenBLAS's best kernel family for these CPU flags: SkylakeX for AVX-512 (Cooperlake and Sapphire Rapids
    share its float32 kernels), Haswell for AVX2 with FMA; None leaves OpenBLAS's own detection."""
    if AVX512 <= flags:
        return "SkylakeX"
    if {"avx2", "fma"} <= flags:
        return "Haswell"
    return None


def parse(description, workloads, options=()):
    """The peers' command line; options: extra (flag, help) pairs of boolean switches."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("workload", choices=workloads)
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="threads for BLAS and OpenMP (default: all cores)")
    p.add_argument("--seed", type=int, default=1, help="seed of the initial weights and the shuffles (default 1)")
    p.add_argument("--verbose", action="store_true", help="one line per epoch on stderr")
    for flag, text in options:
        p.add_argument(flag, action="store_true", help=text)
    args = p.parse_args()
    if args.threads <= 0:
        p.error("--threads must be positive")
    return args


def apply(threads):
    """Sets the environment; call before importing numpy or torch. An OPENBLAS_CORETYPE already set is kept."""
    coretype = openblas_coretype(cpu_flags())
    if coretype and not os.environ.get("OPENBLAS_CORETYPE"):
        os.environ["OPENBLAS_CORETYPE"] = coretype
    os.environ["OPENBLAS_NUM_THREADS"] = str(threads)
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def openblas_in_use():
    """'OpenBLAS <kernel> ×<threads>' as the loaded library reports it (numpy and torch both use the system one)."""
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return f"OpenBLAS {lib.openblas_get_corename().decode()} ×{lib.openblas_get_num_threads()}"
    except (OSError, AttributeError):
        return "BLAS " + os.environ.get("OPENBLAS_CORETYPE", "?")
