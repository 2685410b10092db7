#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs every test: the library's unit tests, then every notebook executed
# headless in quick mode, then notebook 00 in headless Chromium (mvn verify). Also checks that the dependency graphs
# of the CUDA profile and of the macOS and Windows native builds resolve, from POMs only (nothing is downloaded).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/environment/lib.sh"
"$ROOT/environment/setup.sh"
cd "$ROOT"
ensure_browser
ensure_numpy

section "checking the CUDA profile's dependencies (POMs only)"
mvn -B -q --no-transfer-progress -Dstyle.color=never -Pcuda dependency:collect \
  || fail "the CUDA profile's dependencies do not resolve."
say "the CUDA profile resolves."

section "checking the macOS and Windows native builds' dependencies (POMs only)"
for platform in macos-arm64 macos-x86_64 windows-x86_64; do
  mvn -B -q --no-transfer-progress -Dstyle.color=never -pl lib "-P$platform,!linux-x86_64" dependency:collect \
    || fail "the $platform profile's dependencies do not resolve."
done
say "the macos-arm64, macos-x86_64 and windows-x86_64 profiles resolve."

section "running the tests (unit tests, then the notebooks in quick mode)"
mvn -B --no-transfer-progress -Dstyle.color=never verify
