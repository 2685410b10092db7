"""Runs a notebook's cells in a fresh Java kernel, headless, within a time limit for the whole notebook. A kernel
that does not answer at start-up (a known race of the rapaio kernel: no cell has run then) is started again."""
import os
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

KERNEL = "java"
STARTUP_SECONDS = 15  # as the tutorials' runner: a healthy kernel answers within a few seconds
STARTS = 5


class Outcome:
    """How the run ended: 'finished', 'timeout' or 'died' at cell index `stopped_at`, or 'no-kernel'."""

    def __init__(self, nb, status, stopped_at=None, seconds=0.0, detail=""):
        self.nb, self.status, self.stopped_at, self.seconds, self.detail = nb, status, stopped_at, seconds, detail


def run(cell_list, metadata, cwd, limit_seconds, pid_file=None, log=print):
    nb = nbformat.from_dict({"cells": cell_list, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5})
    failure = ""
    for start in range(1, STARTS + 1):
        client = NotebookClient(nb, kernel_name=KERNEL, allow_errors=True, startup_timeout=STARTUP_SECONDS,
                                shutdown_kernel="immediate", resources={"metadata": {"path": cwd}})
        try:
            client.km = client.create_kernel_manager()
            client.start_new_kernel(cwd=cwd)
            record_pid(client, pid_file)
            client.start_new_kernel_client()
        except Exception as e:  # the start-up race, or a kernel that cannot start at all
            failure = f"{type(e).__name__}: {e}"
            cleanup(client)
            log(f"kernel start {start} of {STARTS} failed ({failure}); starting again")
            time.sleep(2)
            continue
        try:
            return run_cells(client, nb, limit_seconds)
        finally:
            cleanup(client)
    return Outcome(nb, "no-kernel", detail=failure)


def run_cells(client, nb, limit_seconds):
    start = time.monotonic()
    deadline = start + limit_seconds
    client.timeout_func = lambda cell: max(1, int(deadline - time.monotonic() + 0.999))
    client.reset_execution_trackers()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if time.monotonic() >= deadline:
            return Outcome(nb, "timeout", index, time.monotonic() - start)
        try:
            client.execute_cell(cell, index)
        except CellTimeoutError:
            return Outcome(nb, "timeout", index, time.monotonic() - start)
        except DeadKernelError:
            return Outcome(nb, "died", index, time.monotonic() - start)
    return Outcome(nb, "finished", None, time.monotonic() - start)


def record_pid(client, pid_file):
    pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
    if pid_file and pid:
        with open(pid_file, "w") as f:
            f.write(str(pid))


def cleanup(client):
    try:
        if client.km is not None:
            client._cleanup_kernel()
    except Exception:
        pass
