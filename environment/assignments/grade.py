"""Grades every submitted notebook of a folder, several at once, each in a process of its own with a time limit, and
writes the grade table. Nothing a submission does stops the run: every file ends up in the table."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import execute
import scoring
import table

HERE = os.path.dirname(os.path.abspath(__file__))


def submissions(directory):
    """Every .ipynb below the folder (hidden files and folders skipped), as paths relative to it, sorted."""
    found = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in names:
            if n.endswith(".ipynb") and not n.startswith("."):
                found.append(os.path.relpath(os.path.join(root, n), directory).replace(os.sep, "/"))
    return sorted(found)


def shard(items, k, n):
    """The k-th (1-based) of n slices: every n-th file of the sorted list, starting at the k-th."""
    return [x for i, x in enumerate(items) if i % n == k - 1]


def grade_all(directory, release_dir, prefix, jobs, limit_seconds, check_seconds, part=None, assignment=None):
    relatives = submissions(directory)
    if part:
        relatives = shard(relatives, *part)
    label = f" (shard {part[0]} of {part[1]})" if part else ""
    print(f"[assignments] grading {len(relatives)} notebooks from {directory}{label}, {jobs} at a time, "
          f"at most {limit_seconds:g} s each", flush=True)
    results = {}
    started = time.monotonic()

    def one(relative):
        t = time.monotonic()
        rows = grade_in_child(directory, relative, release_dir, limit_seconds, check_seconds, assignment)
        results[relative] = rows
        earned = sum(float(r["points"] or 0) for r in rows)
        maximum = sum(float(r["max_points"] or 0) for r in rows)
        print(f"[assignments] {len(results)}/{len(relatives)} {relative}: {scoring.number(earned)}/{scoring.number(maximum)} "
              f"points ({time.monotonic() - t:.1f} s)", flush=True)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(one, relatives))
    rows = [r for rel in relatives for r in results[rel]]
    csv_path, md_path = table.write(prefix, rows)
    print(f"[assignments] {len(relatives)} notebooks graded in {time.monotonic() - started:.1f} s: {csv_path}, {md_path}", flush=True)


def grade_in_child(directory, relative, release_dir, limit_seconds, check_seconds, assignment):
    with tempfile.TemporaryDirectory(prefix="dlnb-grade-") as tmp:
        result, pid_file, log = (os.path.join(tmp, n) for n in ("rows.json", "kernel.pid", "log.txt"))
        command = [sys.executable, os.path.join(HERE, "main.py"), "grade-one", os.path.join(directory, relative),
                   "--relative", relative, "--release", release_dir, "--timeout", str(limit_seconds),
                   "--check-timeout", str(check_seconds), "--result", result, "--pid-file", pid_file]
        if assignment:
            command += ["--assignment", assignment]
        budget = limit_seconds + execute.STARTS * (execute.STARTUP_SECONDS + 10) + 60
        with open(log, "w") as out:
            child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
            try:
                child.wait(timeout=budget)
            except subprocess.TimeoutExpired:
                kill(child, pid_file)
                return [scoring.row(relative, "(whole file)", 0, None,
                                    f"grading this file was stopped after {budget:g} s; grade it again")]
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("[assignments]"):
                    print(line, end="", flush=True)
        if child.returncode == 0 and os.path.exists(result):
            with open(result, encoding="utf-8") as f:
                return json.load(f)
        with open(log, encoding="utf-8", errors="replace") as f:
            last = [l.strip() for l in f if l.strip()][-1:] or ["no output"]
        return [scoring.row(relative, "(whole file)", 0, None,
                            f"the grader failed on this file (exit {child.returncode}: {scoring.shorten(last[0], 200)})")]


def kill(child, pid_file):
    for pid_source in ("child", "kernel"):
        try:
            if pid_source == "child":
                os.killpg(child.pid, signal.SIGKILL)
            elif os.path.exists(pid_file):
                with open(pid_file) as f:
                    os.killpg(int(f.read().strip()), signal.SIGKILL)
        except (OSError, ValueError):
            pass
    child.wait()
