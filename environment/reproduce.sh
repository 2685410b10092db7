#!/usr/bin/env bash
# The full reproduction: runs every notebook top to bottom on all of MNIST and every epoch the articles used
# (no quick mode) and writes the report results/README.md from what they printed: each article number beside ours
# with a verdict, the machine, the times, the charts and the benchmark. Executed notebooks go to results/executed/.
#   environment/reproduce.sh                every notebook whose source or library changed since its last full run
#   environment/reproduce.sh 03 04          only notebooks whose names start with these prefixes
#   environment/reproduce.sh --force        run them even if nothing changed
# A failed notebook is reported and the others still run; Ctrl-C stops the running notebook and its kernel, keeps
# the notebooks finished before it and rebuilds the report with them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/environment/lib.sh"
"$ROOT/environment/setup.sh"
JUPYTER="$JUPYTER" exec "$PYTHON" "$ROOT/environment/reproduce.py" "$@"
