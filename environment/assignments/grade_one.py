"""Grades one submitted file in this process (the grader starts one such process per file): the grade rows as JSON."""
import json
import os

import cells
import execute
import files
import scoring
import submission


def grade(path, relative, release_dir, limit_seconds, check_seconds, assignment=None, pid_file=None):
    releases = submission.releases_in(release_dir)
    try:
        nb = submission.load(path)
    except submission.NotANotebook as e:
        return whole_file(relative, releases, submission.identify(relative, None, releases, assignment), str(e))
    name = submission.identify(relative, nb, releases, assignment)
    if name is None:
        return [scoring.row(relative, "(whole file)", 0, None,
                            "not one of the released assignments (no check cell of any of them found)")]
    release = releases[name]
    cell_list, changes = submission.plan(nb, release)
    os.environ["DLNB_CHECK_SECONDS"] = str(check_seconds)
    outcome = execute.run(cell_list, release.get("metadata", {}), os.path.abspath(release_dir), limit_seconds, pid_file,
                          log=lambda m: print(f"[assignments] {relative}: {m}", flush=True))
    if outcome.status == "no-kernel":
        return whole_file(relative, releases, name,
                          f"the Java kernel did not start ({execute.STARTS} tries: {outcome.detail}); grade this file again")
    return scoring.score(relative, release, outcome, changes, limit_seconds)


def whole_file(relative, releases, name, message):
    """Zero for every check of the assignment when it is known, else one row for the file."""
    if name is None or name not in releases:
        return [scoring.row(relative, "(whole file)", 0, None, message)]
    return [scoring.row(relative, cells.grade_id(c), 0, cells.points(c), message)
            for c in releases[name]["cells"] if cells.is_grade(c)]


def main(args):
    rows = grade(args.file, args.relative, args.release, args.timeout, args.check_timeout, args.assignment, args.pid_file)
    files.write_atomically(args.result, json.dumps(rows, ensure_ascii=False))
