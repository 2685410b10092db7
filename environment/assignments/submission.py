"""A submitted file, read without trusting it: is it a notebook, of which assignment, and what the grader runs:
the student's cells with every locked cell (checks, set-up) as released, restoring any the student edited or deleted."""
import copy
import json
import os

import cells
import files


class NotANotebook(Exception):
    """The file cannot be graded at all; the message says why, for the grade table."""


def load(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise NotANotebook(f"cannot be read ({e.strerror})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise NotANotebook("not a notebook: the file is not text (UTF-8)")
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as e:
        raise NotANotebook(f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}): the file is damaged")
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise NotANotebook("not a notebook: valid JSON, but without the list of cells a notebook has")
    for i, cell in enumerate(nb["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw") \
                or not isinstance(cell.get("source", ""), (str, list)):
            raise NotANotebook(f"not a notebook: cell {i} is not a notebook cell")
        if not isinstance(cell.get("metadata", {}), dict):
            raise NotANotebook(f"not a notebook: cell {i} has broken metadata")
    return nb


def identify(relative, nb, releases, forced=None):
    """The released assignment this submission answers, or None: named, recorded, by shared grade ids, by file name."""
    if forced:
        return forced
    if nb is not None:
        recorded = ((nb.get("metadata") or {}).get("dlnb") or {}).get("assignment")
        if recorded in releases:
            return recorded
        ids = {cells.grade_id(c) for c in nb["cells"] if cells.is_grade(c)}
        overlap = {name: len(ids & {cells.grade_id(c) for c in r["cells"] if cells.is_grade(c)}) for name, r in releases.items()}
        best = max(overlap.values(), default=0)
        winners = [n for n, k in overlap.items() if k == best]
        if best > 0 and len(winners) == 1:
            return winners[0]
    by_name = [n for n in releases if n in relative]
    if len(by_name) == 1:
        return by_name[0]
    return next(iter(releases)) if len(releases) == 1 else None


def plan(nb, release):
    """The cells to run, and per grade id of a locked cell: 'edited' or 'deleted' when the student changed it."""
    locked = [c for c in release["cells"] if cells.is_locked(c)]
    by_id = {cells.grade_id(c): c for c in locked}
    changes = {}
    run = []
    present = set()
    for cell in nb["cells"]:
        gid = cells.grade_id(cell)
        if gid in by_id and gid not in present:
            original = by_id[gid]
            recorded = cells.nbgrader(original).get("checksum") or cells.checksum(original)
            if cells.checksum(cell) != recorded or cell.get("cell_type") != original.get("cell_type"):
                changes[gid] = "edited"
            present.add(gid)
            run.append(fresh(original))
        else:
            run.append(student_cell(cell))
    order = [cells.grade_id(c) for c in release["cells"] if cells.grade_id(c)]
    for gid in order:
        if gid in by_id and gid not in present:
            changes[gid] = "deleted"
            run.insert(insertion_point(run, order, gid), fresh(by_id[gid]))
            present.add(gid)
    return run, changes


def insertion_point(run, order, gid):
    """After the run cell of the nearest grade id that comes before gid in the release; else at the start."""
    earlier = order[:order.index(gid)]
    for previous in reversed(earlier):
        for i, c in enumerate(run):
            if cells.grade_id(c) == previous:
                return i + 1
    return 0


def fresh(cell):
    c = copy.deepcopy(cell)
    c["source"] = cells.source(c)
    if c.get("cell_type") == "code":
        c["outputs"], c["execution_count"] = [], None
    return c


def student_cell(cell):
    c = {"cell_type": cell["cell_type"], "metadata": copy.deepcopy(cell.get("metadata", {})),
         "source": cells.source(cell)}
    if c["cell_type"] == "code":
        c["outputs"], c["execution_count"] = [], None
    return c


def releases_in(directory):
    found = {}
    for path in files.notebooks_in(directory):
        found[os.path.splitext(os.path.basename(path))[0]] = files.read_notebook(path)
    return found
