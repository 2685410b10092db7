"""The grade table: one row per student file and exercise, as CSV (for spreadsheets and `merge`) and Markdown."""
import csv
import io

import files

COLUMNS = ["file", "exercise", "points", "max_points", "message"]
HEADINGS = ["student file", "exercise", "points", "max points", "message"]


class TableError(Exception):
    pass


def ordered(rows):
    """By student file; within a file, rows keep their order (the notebook's order of exercises)."""
    return sorted(rows, key=lambda r: r["file"])


def to_csv(rows):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ") or "—"


def to_markdown(rows):
    out = ["# Grades", "", "| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    out += ["| " + " | ".join(cell(r[c]) for c in COLUMNS) + " |" for r in rows]
    totals = {}
    for r in rows:
        t = totals.setdefault(r["file"], [0.0, 0.0, False])
        t[0] += float(r["points"] or 0)
        t[1] += float(r["max_points"] or 0)
        t[2] = t[2] or r["max_points"] == ""
    out += ["", "## Totals", "", "| student file | points | max points |", "|---|---|---|"]
    for name, (earned, maximum, unknown) in totals.items():
        out.append(f"| {cell(name)} | {number(earned)} | {'—' if unknown else number(maximum)} |")
    return "\n".join(out) + "\n"


def number(x):
    return str(int(x)) if x == int(x) else f"{x:.4f}".rstrip("0")


def write(prefix, rows):
    rows = ordered(rows)
    files.write_atomically(prefix + ".csv", to_csv(rows))
    files.write_atomically(prefix + ".md", to_markdown(rows))
    return prefix + ".csv", prefix + ".md"


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            raise TableError(f"{path} is not a grade table (its columns are {reader.fieldnames}, expected {COLUMNS})")
        return list(reader)


def merge(paths):
    """The rows of several shard tables as one table; a student file graded in two shards is an error."""
    rows, owner = [], {}
    for position, path in enumerate(paths):
        for r in read_csv(path):
            first = owner.setdefault(r["file"], position)
            if first != position:
                raise TableError(f"{r['file']} is graded in both {paths[first]} and {path}")
            rows.append(r)
    return ordered(rows)
