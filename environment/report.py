"""Builds results/README.md, the reproduction report, from what the full run left in results/: each notebook's
numbers.json (its numbers beside the article's, with verdicts), its charts, the executed notebooks, runs.json (times,
failures) and benchmark.md. Nothing in the report is typed in."""
import json
import re
from pathlib import Path


def load(path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def clock(seconds):
    seconds = int(round(seconds or 0))
    return f"{seconds // 60} min {seconds % 60:02d} s"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def machine(results):
    """The backend report printed by notebook 00 in this run."""
    nb = load(results / "executed" / "00-environment-check.ipynb", {"cells": []})
    for c in nb.get("cells", []):
        if "Backend.describe()" in "".join(c.get("source", [])):
            for out in c.get("outputs", []):
                if out.get("output_type") == "stream":
                    return "".join(out["text"]).strip()
    return "(notebook 00 has not run in full yet)"


def build(root, runs):
    results = root / "results"
    lines = ["# Reproduction report", ""]
    lines += ["One full run of every notebook (all of MNIST, every epoch the articles used; no quick mode), made by",
              "`environment/reproduce.sh`. Every number below was printed by the notebooks in that run: each notebook",
              "writes its numbers beside the article's, with a verdict, to `numbers.json` in its folder here, and this",
              "page is built from those files. The executed notebooks, with all their output, are in",
              "[executed/](executed/).", ""]
    finished = sorted(r.get("finished", "") for r in runs.values() if r.get("status") == "ok")
    lines += [f"Run finished: {finished[-1] if finished else '—'}. Machine, as notebook 00 reported it:", "", "```",
              machine(results), "```", ""]
    lines += ["| notebook | status | time of its full run | finished |", "|---|---|---:|---|"]
    total = 0
    for name in sorted(n for n in runs if n != "benchmark"):
        r = runs[name]
        total += r.get("seconds", 0) if r.get("status") == "ok" else 0
        status = "ok" if r.get("status") == "ok" else "**failed**: " + cell(r.get("error", ""))
        lines.append(f"| [{name}](executed/{name}.ipynb) | {status} | {clock(r.get('seconds'))} | {r.get('finished', '')} |")
    lines += ["", f"Total time of the notebooks: {clock(total)}.", ""]

    sections, misses, counted, reproduced = [], [], 0, 0
    for numbers in sorted(results.glob("*/numbers.json")):
        folder = numbers.parent.name
        data = load(numbers, {})
        if data.get("mode") != "full":
            continue
        rows = data.get("comparisons", [])
        part = [f"## {folder}: {data.get('article', '')}", "", f"This run: {data.get('run', '')}.", "",
                "| measure | article | ours | difference | verdict |", "|---|---:|---:|---:|---|"]
        for r in rows:
            diff = "—" if r.get("difference") is None else f"{r['difference']:+.4g}"
            part.append(f"| {cell(r['measure'])} | {cell(r['article'])} | {cell(r['ours'])} | {diff} | {cell(r['verdict'])} |")
            counted += 1
            if r.get("reproduced"):
                reproduced += 1
            else:
                misses.append(f"- **{folder}, {r['measure']}**: {r['verdict']}" + (f" ({r['note']})" if r.get("note") else ""))
        figures = data.get("figures", {})
        pictures = sorted(p.name for p in numbers.parent.glob("*.png"))
        if pictures:
            part += ["", "Charts of this run:", ""]
            for png in pictures:
                stem = png[:-4]
                beside = f" — ours for {figures[stem]}" if stem in figures else ""
                part.append(f"- [{stem}]({folder}/{png}){beside}")
            for png in pictures:
                if png[:-4] in figures:
                    part += ["", f"![{png[:-4]}]({folder}/{png})"]
        facts = data.get("facts", {})
        if facts:
            part += ["", "Also measured: " + "; ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in facts.items()) + "."]
        sections += part + [""]

    lines += ["## Summary", "",
              f"{reproduced} of {counted} article numbers reproduced: an accuracy or loss inside the spread of our seeds,"
              " a count equal, a speed at least the article's. Speeds compare different hardware (the articles used"
              " a 2015-era 4-core CPU or a GTX 960/980 Ti GPU; the machine above is what we have). The rest are listed"
              " here with the reason each notebook gave, and explained in the notebook's own section below.", ""]
    lines += misses if misses else ["(none)"]
    lines += [""] + sections
    bench = results / "benchmark.md"
    if bench.exists():
        lines += ["## Benchmark", "", "`environment/bench.sh` in the same session:", "", bench.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(lines) + "\n"
