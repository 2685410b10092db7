#!/usr/bin/env bash
# Classroom assignments: hand out the exercise notebooks of assignments/, grade what comes back.
#
#   environment/assignments.sh release [OUT] [--source DIR]
#       student copies of assignments/*.ipynb into OUT (default assignments/release/): solutions replaced by a stub
#       that compiles and throws, outputs cleared, check and set-up cells locked, nbgrader checksums recorded.
#   environment/assignments.sh grade DIR [--jobs N] [--timeout S] [--check-timeout S] [--shard K/N]
#                                        [--release DIR] [--out PREFIX] [--assignment NAME]
#       runs every .ipynb below DIR headless (N at a time, default 2; at most S seconds each, default 300), and
#       writes PREFIX.csv and PREFIX.md (default DIR-grades): student file, exercise, points, max points, message.
#       --shard K/N grades only every N-th file of the sorted list, starting at the K-th.
#   environment/assignments.sh merge --out PREFIX TABLE.csv...
#       joins shard tables into one.
#
# The work is done in Python (environment/assignments/) with Debian's Jupyter packages: nbclient runs the Java kernel
# cell by cell, which lets the grader keep the points of the cells that finished when a notebook runs out of time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/environment/lib.sh"

jupyter_complete || fail "Jupyter is missing; run environment/setup.sh first."

if [[ ${1:-} == grade ]]; then
  # Grading runs notebooks: it needs the library (with dlnb.check) and the Java kernel.
  kernels=$("$JUPYTER" kernelspec list 2>/dev/null || true)
  if ! ls "$ROOT"/lib/target/notebook-classpath/dlnb-*.jar >/dev/null 2>&1 || ! grep -q '^ *java ' <<<"$kernels"; then
    say "the library or the Java kernel is not set up yet: running environment/setup.sh first"
    "$ROOT/environment/setup.sh"
  fi
fi

exec "$PYTHON" "$ROOT/environment/assignments/main.py" "$@"
