"""nbgrader's cell conventions (schema version 3): which cells are solutions, checks or locked, and their checksums."""
import hashlib


def nbgrader(cell):
    return (cell.get("metadata") or {}).get("nbgrader") or {}


def grade_id(cell):
    return nbgrader(cell).get("grade_id")


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def is_grade(cell):
    return bool(nbgrader(cell).get("grade", False))


def is_solution(cell):
    return bool(nbgrader(cell).get("solution", False))


def is_locked(cell):
    """As nbgrader: solution cells are never locked, grade (check) cells always are, others when marked."""
    meta = nbgrader(cell)
    if not meta or is_solution(cell):
        return False
    return is_grade(cell) or bool(meta.get("locked", False))


def points(cell):
    return float(nbgrader(cell).get("points", 0))


def checksum(cell):
    """The checksum nbgrader records for a cell: an MD5 over its source, type, kind flags, grade id and points."""
    m = hashlib.md5()
    for part in (source(cell), cell.get("cell_type", ""), str(is_grade(cell)), str(is_solution(cell)),
                 str(is_locked(cell)), grade_id(cell) or ""):
        m.update(part.encode("utf-8"))
    if is_grade(cell):
        m.update(str(points(cell)).encode("utf-8"))
    return m.hexdigest()


def lines(text):
    """A cell source as notebooks store it: a list of lines, each but the last ending in a newline."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
