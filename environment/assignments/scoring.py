"""From an executed notebook to grade rows: each check cell's points line, its failure lines, and what stopped it."""
import re

import cells

POINTS = re.compile(r"^\[dlnb-check\] grade_id=([A-Za-z0-9_-]+) points=([0-9]+(?:\.[0-9]+)?)/([0-9]+(?:\.[0-9]+)?)$")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MAX_MESSAGE = 400


def number(x):
    x = round(float(x), 4)
    return str(int(x)) if x == int(x) else f"{x:.4f}".rstrip("0")


def row(file, exercise, points, max_points, message):
    return {"file": file, "exercise": exercise, "points": "" if points is None else number(points),
            "max_points": "" if max_points is None else number(max_points), "message": message}


def stream(cell, name):
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == name)


def error_summary(cell):
    """The first error of a cell in one line: the compiler's words or the exception, without code or stack."""
    for o in cell.get("outputs", []):
        if o.get("output_type") != "error":
            continue
        lines = [ANSI.sub("", l).strip() for l in "\n".join(o.get("traceback", [])).split("\n")]
        words = [l for l in lines if l and not l.startswith("|") and not l.startswith("at ")]
        text = "; ".join(words) or f"{o.get('ename', '')}: {o.get('evalue', '')}"
        return shorten(text.replace("Compile error:; ", "compile error: "))
    return None


def shorten(text, limit=MAX_MESSAGE):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def score(relative, release, outcome, changes, limit_seconds):
    """One row per check cell of the release, in its order."""
    executed = outcome.nb.cells
    where = {cells.grade_id(c): i for i, c in enumerate(executed) if cells.grade_id(c)}
    rows = []
    previous_check = -1
    for original in release["cells"]:
        if not cells.is_grade(original):
            continue
        gid, max_points = cells.grade_id(original), cells.points(original)
        index = where[gid]
        earned, message = judge(executed, index, gid, max_points, outcome, limit_seconds, previous_check)
        note = {"edited": "the check cell was edited in this copy; the released check ran instead",
                "deleted": "the check cell was deleted from this copy; the released check ran in its place"}.get(changes.get(gid))
        if note:
            message = f"{message}; {note}"
        rows.append(row(relative, gid, earned, max_points, message))
        previous_check = index
    others = [f"locked cell '{gid}' was {change} in this copy; the released one ran instead"
              for gid, change in changes.items() if not cells.is_grade(next(c for c in release["cells"] if cells.grade_id(c) == gid))]
    if rows and others:
        rows[0]["message"] += "; " + "; ".join(others)
    for r in rows:
        r["message"] = shorten(r["message"])
    return rows


def judge(executed, index, gid, max_points, outcome, limit_seconds, previous_check):
    if outcome.status in ("timeout", "died") and index >= outcome.stopped_at:
        running = executed[outcome.stopped_at]
        what = f"cell {outcome.stopped_at + 1}" + (f" ({cells.grade_id(running)})" if cells.grade_id(running) else "")
        if outcome.status == "timeout":
            stop = f"the notebook was stopped after {limit_seconds:g} s while {what} was still running (an endless loop?)"
        else:
            stop = f"the Java kernel died while {what} was running (System.exit, or out of memory?)"
        return 0, ("not reached: " if index > outcome.stopped_at else "") + stop
    cell = executed[index]
    failed_code = [error_summary(c) for c in executed[previous_check + 1:index]
                   if c.get("cell_type") == "code" and error_summary(c)]
    before = f"your code above failed ({failed_code[0]}); " if failed_code else ""
    error = error_summary(cell)
    if error:
        return 0, f"{before}the check could not run: {error}"
    matches = [POINTS.match(l.strip()) for l in stream(cell, "stdout").splitlines()]
    matches = [m for m in matches if m and m.group(1) == gid]
    if not matches:
        return 0, before + "the check printed no points line"
    earned, line_max = float(matches[-1].group(2)), float(matches[-1].group(3))
    points = min(max_points, earned * max_points / line_max) if line_max > 0 else 0
    failures = [l.strip().lstrip("✘").strip() for l in (stream(cell, "stderr") + stream(cell, "stdout")).splitlines()
                if l.strip().startswith("✘")]
    if points >= max_points and not failures:
        message = "passed"
    else:
        message = " | ".join(failures) or "not every check passed"
    if line_max != max_points:
        message += f" (the check counts {number(line_max)} points, the notebook {number(max_points)}: scaled)"
    return points, (before if points < max_points else "") + message
