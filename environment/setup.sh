#!/usr/bin/env bash
# One set-up step shared by start.sh and test.sh. Idempotent: each part checks first and only does what is missing.
#   1. Java 17+ and Maven          2. Jupyter (Debian packages) and fonts for charts
#   3. the library (mvn package)   4. the Java kernel (kernelspec "java")   5. MNIST in data/mnist/
# Environment: DLNB_MAVEN_ARGS (extra Maven arguments, e.g. -Pcuda), DLNB_SKIP_BUILD=1 (skip part 3).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=environment/lib.sh
source "$ROOT/environment/lib.sh"

section "dlnb set-up in $ROOT"
ensure_java_and_maven
ensure_jupyter
if [[ "${DLNB_SKIP_BUILD:-0}" != 1 ]]; then
  build_library
fi
"$ROOT/environment/install-kernel.sh"
"$ROOT/environment/fetch-mnist.sh"
say "set-up complete."
