"""dlnb's classroom assignments: `release`, `grade`, `merge` (see environment/assignments.sh for the commands)."""
import argparse
import os
import re
import sys

import release
import table

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def part(text):
    m = re.fullmatch(r"(\d+)/(\d+)", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise argparse.ArgumentTypeError(f"--shard takes K/N with 1 <= K <= N, e.g. 2/4; got '{text}'")
    return int(m.group(1)), int(m.group(2))


def positive(text):
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got '{text}'")
    return value


def parser():
    p = argparse.ArgumentParser(prog="environment/assignments.sh", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("release", help="write the student copies of the notebooks in assignments/")
    r.add_argument("out", nargs="?", default=os.path.join(ROOT, "assignments", "release"),
                   help="folder for the student copies (default assignments/release/)")
    r.add_argument("--source", default=os.path.join(ROOT, "assignments"), help="the teacher's notebooks (default assignments/)")
    g = sub.add_parser("grade", help="grade every submitted notebook in a folder")
    g.add_argument("dir", help="the folder of submitted notebooks (searched recursively for .ipynb files)")
    g.add_argument("--release", default=os.path.join(ROOT, "assignments", "release"),
                   help="the released student copies to compare with (default assignments/release/)")
    g.add_argument("--out", help="where the table goes, without extension (default DIR-grades, next to DIR)")
    g.add_argument("--jobs", type=int, default=2, help="notebooks graded at once (default 2)")
    g.add_argument("--timeout", type=positive, default=300, help="seconds each notebook may run (default 300)")
    g.add_argument("--check-timeout", type=positive, default=10, help="seconds each call of student code may take (default 10)")
    g.add_argument("--shard", type=part, help="grade only the K-th of N slices of the folder, e.g. 1/4")
    g.add_argument("--assignment", help="which released notebook the submissions answer (default: found from each file)")
    m = sub.add_parser("merge", help="join the tables of several shards into one")
    m.add_argument("tables", nargs="+", help="the shards' CSV tables")
    m.add_argument("--out", required=True, help="where the merged table goes, without extension")
    o = sub.add_parser("grade-one")  # internal: one file, in its own process
    o.add_argument("file")
    for option in ("--relative", "--release", "--result", "--pid-file"):
        o.add_argument(option, required=True)
    o.add_argument("--timeout", type=float, required=True)
    o.add_argument("--check-timeout", type=float, required=True)
    o.add_argument("--assignment")
    return p


def fail(message):
    print(f"[assignments] ERROR: {message}", file=sys.stderr)
    sys.exit(2)


def main():
    args = parser().parse_args()
    if args.command == "release":
        try:
            release.release(args.source, args.out, ROOT)
        except (release.ReleaseError, OSError, ValueError) as e:
            fail(str(e))
    elif args.command == "grade":
        directory = os.path.abspath(args.dir)
        if not os.path.isdir(directory):
            fail(f"{args.dir} is not a folder")
        if not os.path.isdir(args.release) or not any(n.endswith(".ipynb") for n in os.listdir(args.release)):
            fail(f"no released notebooks in {args.release}: run `environment/assignments.sh release` first")
        if args.jobs < 1:
            fail("--jobs must be at least 1")
        prefix = args.out or directory.rstrip("/") + "-grades" + (f".shard-{args.shard[0]}-of-{args.shard[1]}" if args.shard else "")
        import grade  # needs Jupyter's nbclient; release and merge do not
        releases = [n[:-6] for n in os.listdir(args.release) if n.endswith(".ipynb")]
        if args.assignment and args.assignment not in releases:
            fail(f"--assignment {args.assignment}: no such released notebook (there are: {', '.join(sorted(releases))})")
        grade.grade_all(directory, os.path.abspath(args.release), prefix, args.jobs, args.timeout, args.check_timeout,
                        args.shard, args.assignment)
    elif args.command == "merge":
        try:
            rows = table.merge(args.tables)
        except (table.TableError, OSError) as e:
            fail(str(e))
        csv_path, md_path = table.write(args.out, rows)
        print(f"[assignments] merged {len(args.tables)} tables, {len({r['file'] for r in rows})} student files: {csv_path}, {md_path}")
    else:
        import grade_one
        grade_one.main(args)


if __name__ == "__main__":
    main()
