"""Student copies of the teacher's notebooks: solutions replaced by a stub that compiles and throws, outputs cleared,
check and set-up cells locked, and nbgrader's checksums recorded so the grader can tell an edited cell."""
import os
import re

import cells
import files

BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"
STUB = 'throw new UnsupportedOperationException("your code here");'
JARS = re.compile(r"^(\s*%jars\s+)(\S+)(.*)$")


class ReleaseError(Exception):
    pass


def strip_solutions(text, where):
    """Replaces every region from a BEGIN SOLUTION line to its END SOLUTION line by the stub, indented alike; returns
    the text and the number of regions replaced."""
    out, inside, replaced = [], False, 0
    for line in text.split("\n"):
        if BEGIN in line:
            if inside:
                raise ReleaseError(f"{where}: a {BEGIN} inside another one")
            inside = True
            replaced += 1
            out.append(re.match(r"\s*", line).group(0) + STUB)
        elif END in line:
            if not inside:
                raise ReleaseError(f"{where}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ReleaseError(f"{where}: {BEGIN} without {END}")
    return "\n".join(out), replaced


def rebase_jars(text, source_dir, out_dir, root):
    """Relative %jars paths point at the same folder from the release folder (absolute when it is outside the repo)."""
    def fix(line):
        m = JARS.match(line)
        if not m or os.path.isabs(m.group(2)):
            return line
        target = os.path.normpath(os.path.join(source_dir, m.group(2)))
        inside = os.path.commonpath([os.path.abspath(out_dir), root]) == root
        path = os.path.relpath(target, out_dir) if inside else target
        return m.group(1) + path + ("/" if m.group(2).endswith("/") else "") + m.group(3)
    return "\n".join(fix(line) for line in text.split("\n"))


def release_notebook(nb, name, source_dir, out_dir, root):
    seen = set()
    stripped = 0
    for index, cell in enumerate(nb.get("cells", []), start=1):
        where = f"{name}, cell {index}"
        text = cells.source(cell)
        gid = cells.grade_id(cell)
        if cells.nbgrader(cell):
            if not gid or not re.fullmatch(r"[A-Za-z0-9_-]+", gid):
                raise ReleaseError(f"{where}: nbgrader cells need a grade_id of letters, digits, '_' and '-'")
            if gid in seen:
                raise ReleaseError(f"{where}: grade_id '{gid}' is used twice")
            seen.add(gid)
            cell["metadata"]["nbgrader"]["schema_version"] = 3
        if cells.is_grade(cell) and not cells.points(cell) > 0:
            raise ReleaseError(f"{where}: check cell '{gid}' needs positive points")
        if cell.get("cell_type") == "code":
            text, replaced = strip_solutions(text, where)
            if replaced and not cells.is_solution(cell):
                raise ReleaseError(f"{where}: a solution region in a cell not marked as a solution cell")
            if cells.is_solution(cell) and not replaced:
                text = STUB
            stripped += replaced
            text = rebase_jars(text, source_dir, out_dir, root)
            cell["outputs"] = []
            cell["execution_count"] = None
        cell["source"] = cells.lines(text)
        meta = cell.setdefault("metadata", {})
        if cells.is_locked(cell):
            meta["editable"] = False
            meta["deletable"] = False
        elif cells.is_solution(cell):
            meta["deletable"] = False
        if cells.is_grade(cell) or cells.is_solution(cell) or cells.is_locked(cell):
            meta["nbgrader"]["checksum"] = cells.checksum(cell)
            meta["nbgrader"]["cell_type"] = cell["cell_type"]
    nb.setdefault("metadata", {}).pop("celltoolbar", None)
    nb["metadata"]["dlnb"] = {"assignment": os.path.splitext(name)[0]}
    return nb, stripped


def refuse_to_overwrite(path):
    """The student copies share their names with the tutorials: never replace a file that is not an earlier release."""
    if not os.path.exists(path):
        return
    try:
        earlier = ((files.read_notebook(path).get("metadata") or {}).get("dlnb") or {}).get("assignment")
    except (OSError, ValueError, AttributeError):
        earlier = None
    if not earlier:
        raise ReleaseError(f"{path} exists and is not a student copy (a tutorial?); release into another folder, "
                           f"e.g. notebooks/exercises")


def release(source_dir, out_dir, root):
    sources = files.notebooks_in(source_dir)
    if not sources:
        raise ReleaseError(f"no notebooks in {source_dir}")
    released = []
    for path in sources:  # everything is checked before anything is written
        name = os.path.basename(path)
        nb, stripped = release_notebook(files.read_notebook(path), name, os.path.abspath(source_dir),
                                        os.path.abspath(out_dir), root)
        released.append((name, nb, stripped))
    for name, _, _ in released:
        refuse_to_overwrite(os.path.join(out_dir, name))
    for name, nb, stripped in released:
        files.write_atomically(os.path.join(out_dir, name), files.notebook_json(nb))
        checks = [c for c in nb["cells"] if cells.is_grade(c)]
        total = sum(cells.points(c) for c in checks)
        print(f"[assignments] released {name}: {len(checks)} checks, {total:g} points, {stripped} solution regions "
              f"replaced by the stub")
    print(f"[assignments] student copies in {out_dir}")
