#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs every test: the library's unit tests, then every notebook executed
# headless in quick mode (mvn verify). Also checks that the CUDA profile's dependency graph resolves, from POMs
# only (the CUDA jars themselves are 2.4 GB and are not downloaded).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/environment/lib.sh"
"$ROOT/environment/setup.sh"
cd "$ROOT"

section "checking the CUDA profile's dependencies (POMs only)"
mvn -B -q --no-transfer-progress -Dstyle.color=never -Pcuda dependency:collect \
  || fail "the CUDA profile's dependencies do not resolve."
say "the CUDA profile resolves."

section "running the tests (unit tests, then the notebooks in quick mode)"
mvn -B --no-transfer-progress -Dstyle.color=never verify
