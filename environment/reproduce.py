#!/usr/bin/env python3
"""The full reproduction: runs every notebook in full (no quick mode) and writes the report results/README.md.

Each notebook runs headless into a staging folder; only when it finishes without an error do its charts, tables,
numbers and executed copy replace the previous ones under results/. A notebook that fails is reported with its
error and the others still run. The report is rebuilt at the end from what the notebooks published (their
numbers.json files) and written in one rename. Ctrl-C stops the running notebook and its kernel: the notebooks that
finished before it keep their new results and the report is rebuilt with them; with none finished, the previous
report and results stay as they were. A crash leaves the previous report as it was.
A notebook whose source and library are unchanged since its last successful full run is not run again unless
--force is given. Called by environment/reproduce.sh after the set-up.
"""
import argparse
import datetime
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results"
RUNS = RESULTS / "runs.json"
JUPYTER = os.environ.get("JUPYTER", "/usr/bin/jupyter")
# First full-run times measured here, used for the time left until a notebook has a time of its own in runs.json.
EXPECTED_SECONDS = {"00": 15, "01": 60, "02": 120, "03": 900, "04": 1200, "05": 200}
START_UP_FAILURES = ("Kernel didn't respond", "Kernel died before replying to kernel_info")


def say(text):
    print("[dlnb] " + text, flush=True)


def library_fingerprint():
    """A hash of everything the library is built from: a change there may change every notebook's numbers."""
    h = hashlib.sha256()
    files = sorted(p for p in (ROOT / "lib" / "src" / "main").rglob("*") if p.is_file())
    for p in files + [ROOT / "lib" / "pom.xml", ROOT / "pom.xml"]:
        h.update(str(p.relative_to(ROOT)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def fingerprint(notebook, library):
    return hashlib.sha256(notebook.read_bytes() + library.encode()).hexdigest()


def read_json(path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def write_atomically(path, text):
    tmp = path.with_name("." + path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def clock(seconds):
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def first_error(executed):
    nb = read_json(executed, {"cells": []})
    for index, cell in enumerate(nb.get("cells", [])):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                source = "".join(cell.get("source", [])).splitlines()
                return f"cell {index} ({source[0][:60] if source else ''}…): {out.get('ename')}: {out.get('evalue', '')[:300]}"
    return None


class Run:
    """One notebook's execution in a staging folder, with a live line of progress."""

    def __init__(self, notebook, staging, expected):
        self.notebook = notebook
        self.staging = staging
        self.expected = expected
        self.process = None

    def execute(self, position, total, remaining_after):
        log = self.staging / (self.notebook.stem + ".log")
        env = {k: v for k, v in os.environ.items() if k not in ("DLNB_QUICK", "DATASET_LIMIT", "MAX_EPOCH")}
        env["DLNB_RESULTS_DIR"] = str(self.staging / "results")
        start = time.time()
        for attempt in (1, 2):
            with open(log, "w") as out:
                self.process = subprocess.Popen(
                    [JUPYTER, "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                     "--ExecutePreprocessor.timeout=14400", "--ExecutePreprocessor.startup_timeout=60",
                     "--output-dir", str(self.staging / "executed"), self.notebook.name],
                    cwd=self.notebook.parent, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
                last = time.time()
                while self.process.poll() is None:
                    time.sleep(1)
                    if time.time() - last >= 30:
                        last = time.time()
                        elapsed = last - start
                        left = max(0, self.expected - elapsed)
                        say(f"[{position}/{total}] {self.notebook.stem}: {clock(elapsed)} elapsed, about {clock(left)} left"
                            f" (about {clock(left + remaining_after)} for the whole run)")
            code = self.process.returncode
            text = log.read_text(errors="replace")
            if code == 0 or attempt == 2 or not any(f in text for f in START_UP_FAILURES):
                break
            say(f"{self.notebook.stem}: the kernel did not answer at start-up; starting it once more")
        seconds = time.time() - start
        executed = self.staging / "executed" / self.notebook.name
        if code != 0 or not executed.exists():
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-5:])
            return seconds, f"nbconvert exited with {code}: {tail}"
        return seconds, first_error(executed)

    def stop(self):
        if self.process and self.process.poll() is None:
            kernels = children(self.process.pid)
            os.killpg(self.process.pid, signal.SIGTERM)
            for pid in kernels:  # each kernel leads a session of its own, which nbconvert's signal does not reach
                try:
                    os.killpg(pid, signal.SIGTERM)
                except (ProcessLookupError, PermissionError):
                    pass


def children(pid):
    """The processes whose parent is pid (from /proc; none where there is no /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid):
            found.append(int(stat.parent.name))
    return found


def publish(staging, notebook):
    """Moves a finished notebook's results into results/, replacing its previous ones folder by folder."""
    for folder in sorted((staging / "results").iterdir()) if (staging / "results").exists() else []:
        target = RESULTS / folder.name
        old = RESULTS / ("." + folder.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            os.replace(target, old)
        os.replace(folder, target)
        if old.exists():
            shutil.rmtree(old)
    (RESULTS / "executed").mkdir(parents=True, exist_ok=True)
    os.replace(staging / "executed" / notebook.name, RESULTS / "executed" / notebook.name)


def benchmark(runs, library, force):
    """The benchmark table for the report, measured again when the library changed."""
    previous = runs.get("benchmark", {})
    if not force and previous.get("fingerprint") == library and (RESULTS / "benchmark.md").exists():
        say("benchmark: library unchanged since it was last measured; not run again")
        return
    say("running the benchmark (environment/bench.sh, a few minutes)")
    start = time.time()
    done = subprocess.run([str(ROOT / "environment" / "bench.sh")], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        say("the benchmark failed: " + done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "the benchmark failed")
        return
    write_atomically(RESULTS / "benchmark.md", done.stdout)
    runs["benchmark"] = {"fingerprint": library, "seconds": round(time.time() - start, 1), "status": "ok",
                         "finished": datetime.datetime.now().isoformat(timespec="seconds")}
    write_atomically(RUNS, json.dumps(runs, indent=1, sort_keys=True) + "\n")


def main():
    parser = argparse.ArgumentParser(description="Run every notebook in full and write results/README.md.")
    parser.add_argument("prefixes", nargs="*", help="only notebooks whose names start with these (e.g. 03 04)")
    parser.add_argument("--force", action="store_true", help="run notebooks even when nothing changed since their last run")
    args = parser.parse_args()

    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if args.prefixes:
        notebooks = [n for n in notebooks if any(n.name.startswith(p) for p in args.prefixes)]
    if not notebooks:
        sys.exit("no notebook matches " + " ".join(args.prefixes))
    RESULTS.mkdir(exist_ok=True)
    runs = read_json(RUNS, {})
    library = library_fingerprint()
    todo = []
    for nb in notebooks:
        previous = runs.get(nb.stem, {})
        if not args.force and previous.get("status") == "ok" and previous.get("fingerprint") == fingerprint(nb, library):
            say(f"{nb.stem}: unchanged since its last full run ({previous.get('finished')}); not run again (--force to run it)")
            continue
        todo.append(nb)

    staging_root = RESULTS / ".staging"
    current = [None]

    published = []

    def interrupted(signum, frame):
        if current[0]:
            current[0].stop()
        shutil.rmtree(staging_root, ignore_errors=True)
        if published:
            import report
            write_atomically(RESULTS / "README.md", report.build(ROOT, runs))
            say(f"interrupted: kept this run's results of {', '.join(published)} in results/ and rebuilt the report with"
                " them; the other notebooks keep their previous results")
        else:
            say("interrupted: the previous report and results are left as they were")
        sys.exit(130)

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)

    expected = {nb.stem: runs.get(nb.stem, {}).get("seconds", EXPECTED_SECONDS.get(nb.stem[:2], 120)) for nb in todo}
    started = time.time()
    for position, nb in enumerate(todo, 1):
        staging = staging_root / nb.stem
        shutil.rmtree(staging, ignore_errors=True)
        (staging / "executed").mkdir(parents=True)
        remaining_after = sum(expected[n.stem] for n in todo[position:])
        say(f"[{position}/{len(todo)}] {nb.stem}: running in full (expected about {clock(expected[nb.stem])})")
        current[0] = Run(nb, staging, expected[nb.stem])
        seconds, error = current[0].execute(position, len(todo), remaining_after)
        current[0] = None
        entry = {"seconds": round(seconds, 1), "finished": datetime.datetime.now().isoformat(timespec="seconds")}
        if error:
            say(f"[{position}/{len(todo)}] {nb.stem} FAILED after {clock(seconds)}: {error}")
            entry.update(status="failed", error=error, fingerprint=None)
            previous = runs.get(nb.stem, {})
            if previous.get("status") == "ok":
                entry["last_ok"] = {k: previous[k] for k in ("seconds", "finished") if k in previous}
        else:
            publish(staging, nb)
            published.append(nb.stem)
            say(f"[{position}/{len(todo)}] {nb.stem} finished in {clock(seconds)}")
            entry.update(status="ok", fingerprint=fingerprint(nb, library))
        runs[nb.stem] = entry
        write_atomically(RUNS, json.dumps(runs, indent=1, sort_keys=True) + "\n")
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(staging_root, ignore_errors=True)
    if todo:
        say(f"ran {len(todo)} notebook(s) in {clock(time.time() - started)}")

    benchmark(runs, library, args.force)
    import report
    write_atomically(RESULTS / "README.md", report.build(ROOT, runs))
    say("report written: results/README.md")
    failed = [n for n, r in runs.items() if r.get("status") != "ok"]
    if failed:
        say("failed: " + ", ".join(failed) + " (see results/README.md)")
        sys.exit(1)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
