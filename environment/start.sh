#!/usr/bin/env bash
# Sets everything up (see setup.sh) and starts Jupyter on the notebooks, on localhost with token authentication.
# DLNB_PORT picks the port (default 8888). Stop the server with Ctrl-C.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/environment/lib.sh"
"$ROOT/environment/setup.sh"

PORT=${DLNB_PORT:-8888}
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  fail "port $PORT is already in use (another Jupyter?). Start on another port with: DLNB_PORT=8890 $0"
fi
TOKEN=${JUPYTER_TOKEN:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}
extra=()
is_root && extra+=(--allow-root)

section "starting Jupyter"
say "open this address in a browser (the token is the password):"
say "    http://127.0.0.1:$PORT/tree?token=$TOKEN"
say "the notebooks use the kernel 'java'; the first cell of each loads the library from lib/target/notebook-classpath/"
cd "$ROOT/notebooks"
JUPYTER_TOKEN=$TOKEN exec "$JUPYTER" notebook --no-browser --ip=127.0.0.1 --port="$PORT" \
  --NotebookApp.port_retries=0 --notebook-dir="$ROOT/notebooks" "${extra[@]}"
