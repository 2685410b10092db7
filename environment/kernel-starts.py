#!/usr/bin/python3
"""Starts a Jupyter kernel many times in a row and counts the starts that fail.

Each start: launch the kernel, wait for its kernel_info reply, run `1+1`, shut it down. A start fails when the
kernel does not answer kernel_info within --timeout seconds, or when `1+1` does not come back as 2.

    /usr/bin/python3 environment/kernel-starts.py --kernel java --starts 200

Prints one line per failure and a summary line at the end; exits 1 when any start failed.
"""
import argparse
import queue
import sys
import time

from jupyter_client.manager import KernelManager


def one_start(kernel_name, timeout):
    """Returns None when the kernel answered, else why it did not."""
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    client = km.client()
    client.start_channels()
    try:
        try:
            client.wait_for_ready(timeout=timeout)
        except RuntimeError as e:
            return f"no kernel_info reply within {timeout:g} s ({e})"
        msg_id = client.execute("1+1")
        deadline = time.monotonic() + 60
        result = None
        while time.monotonic() < deadline:
            try:
                msg = client.get_iopub_msg(timeout=1)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "execute_result":
                data = msg["content"]["data"]  # rapaio answers with text/html, JJava with text/plain
                result = data.get("text/plain", data.get("text/html"))
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        if result is None or result.strip() != "2":
            return f"`1+1` gave {result!r}"
        return None
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default="java", help="kernelspec name (default java)")
    parser.add_argument("--starts", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for kernel_info")
    args = parser.parse_args()

    failures = 0
    began = time.monotonic()
    for i in range(1, args.starts + 1):
        t0 = time.monotonic()
        why = one_start(args.kernel, args.timeout)
        if why:
            failures += 1
            print(f"start {i}: FAILED after {time.monotonic() - t0:.1f} s: {why}", flush=True)
        elif i % 20 == 0:
            print(f"start {i}: ok ({failures} failed so far)", flush=True)
    minutes = (time.monotonic() - began) / 60
    print(f"kernel '{args.kernel}': {failures} of {args.starts} starts failed "
          f"(kernel_info within {args.timeout:g} s, then 1+1); {minutes:.1f} min", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
