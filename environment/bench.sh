#!/usr/bin/env bash
# The library's benchmark: trains each workload on full MNIST (float32) in its own process and prints a Markdown table
# with training seconds, images/s, test accuracy, thread settings, the native build, peak resident memory, and how
# close the run comes to this machine's limits (its sgemm rate and memory bandwidth, measured first).
#   environment/bench.sh                  all workloads (about 2 minutes)
#   environment/bench.sh W2_50 W3         only these (W1_500 W1_20000 W2_50 W2_1000 W3)
#   environment/bench.sh --peers [W...]   also the same workloads in hand-written numpy and in PyTorch (installs
#                                         Debian's python3-numpy and python3-torch when missing), the runs interleaved
#                                         dlnb, numpy, PyTorch, dlnb, ... for 2 rounds; the best of each (~10 min)
#   --rounds N                            rounds of every run (default 1, or 2 with --peers)
# Speed depends on the machine and on what else runs on it: close other work first, and compare runs on one machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source "$ROOT/environment/lib.sh"

ALL_WORKLOADS=(W1_500 W1_20000 W2_50 W2_1000 W3)
PY=/usr/bin/python3
PEER_PACKAGES=(python3-numpy python3-torch libopenblas0-pthread)

# The peers' fastest settings on the 2-core AVX-512 machine, from environment/peers/tune.sh (threads: 1, or "all"
# for every core; best of 2-5 alternating rounds on a shared machine): one thread won for the small products of
# W1_500 and W2_50 (numpy 226k vs 149k img/s on W1_500, PyTorch 94k vs 63k on W2_50), all cores for W1_20000,
# W2_1000 and W3 (PyTorch W2_1000 4.3k vs 3.3k), and channels-last for PyTorch's CNN (3.6k vs 2.0k img/s).
# The peers set OpenBLAS's kernel for the CPU and OMP_WAIT_POLICY=PASSIVE themselves (environment/peers/settings.py).
declare -A PEER_ARGS=(
  [numpy:W1_500]="--threads 1"     [torch:W1_500]="--threads 1"
  [numpy:W1_20000]="--threads all" [torch:W1_20000]="--threads all"
  [numpy:W2_50]="--threads 1"      [torch:W2_50]="--threads 1"
  [numpy:W2_1000]="--threads all"  [torch:W2_1000]="--threads all"
  [torch:W3]="--threads all --channels-last"
)

peers=0
rounds=
workloads=()
while (( $# )); do
  case $1 in
    --peers) peers=1 ;;
    --rounds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || fail "--rounds needs a positive number"; rounds=$2; shift ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *)
      w=$(tr '[:lower:]-' '[:upper:]_' <<<"$1")
      [[ " ${ALL_WORKLOADS[*]} " == *" $w "* ]] || fail "unknown workload '$1'; use ${ALL_WORKLOADS[*]}, --peers, --rounds N"
      workloads+=("$w") ;;
  esac
  shift
done
(( ${#workloads[@]} )) || workloads=("${ALL_WORKLOADS[@]}")
[[ -n $rounds ]] || rounds=$(( peers ? 2 : 1 ))

ensure_peers() {
  # Without OpenBLAS, numpy would fall back to the reference BLAS and be an unfairly slow peer.
  if ! "$PY" -c 'import ctypes, numpy, torch; ctypes.CDLL("libopenblas.so.0")' 2>/dev/null; then
    apt_install "numpy and PyTorch for the peers" "${PEER_PACKAGES[@]}"
  fi
  "$PY" -c 'import numpy, torch' || fail "numpy or PyTorch still does not import in $PY after installing ${PEER_PACKAGES[*]}."
  say "peers: numpy $("$PY" -c 'import numpy; print(numpy.__version__)'), PyTorch $("$PY" -c 'import torch; print(torch.__version__)')"
}

ensure_java_and_maven >&2
build_library >&2
"$ROOT/environment/fetch-mnist.sh" >&2
(( peers )) && ensure_peers >&2

CP="$ROOT/lib/target/notebook-classpath/*"
JAVA_OPTS=(--add-modules jdk.incubator.vector -Xmx4g -Dorg.bytedeco.javacpp.maxbytes=8G -Ddlnb.data.dir="$ROOT/data/mnist")
export DLNB_DATA_DIR="$ROOT/data/mnist"
# As in the kernel: idle OpenMP threads sleep instead of spinning (see dlnb.backend.Threads). The peers set the same.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# As in the kernel: OpenBLAS's kernels for this CPU (see dlnb.backend.OpenBlasCore); the peers choose the same.
coretype=${OPENBLAS_CORETYPE:-$(java -cp "$CP" dlnb.backend.OpenBlasCore)}
if [[ -n $coretype ]]; then export OPENBLAS_CORETYPE=$coretype; fi

# The peer's command for a workload, or nothing when that peer does not run it (W3 has no numpy version).
peer_command() {
  local peer=$1 w=$2 script
  [[ -n ${PEER_ARGS[$peer:$w]:-} ]] || return 0
  case $peer:$w in
    numpy:*) script=numpy_mlp.py ;;
    torch:W3) script=torch_cnn.py ;;
    torch:*) script=torch_mlp.py ;;
  esac
  echo "$PY $ROOT/environment/peers/$script $w ${PEER_ARGS[$peer:$w]//all/$(nproc)}"
}

# Every run's line, kept for a look after the table (lib/target/ is the build's scratch space).
runs="$ROOT/lib/target/bench-runs.tsv"
: >"$runs"

say "measuring this machine's limits (sgemm and memory bandwidth through ND4J)..." >&2
limits=$(java "${JAVA_OPTS[@]}" -cp "$CP" dlnb.bench.MachineLimits 2>/dev/null | tail -1)
[[ -n $limits ]] || fail "measuring the machine's limits failed; run: java -cp '$CP' dlnb.bench.MachineLimits"

for ((round = 1; round <= rounds; round++)); do
  for w in "${workloads[@]}"; do
    say "round $round/$rounds: dlnb $w..." >&2
    line=$(java "${JAVA_OPTS[@]}" -cp "$CP" dlnb.bench.Benchmark "$w" 2>/dev/null | tail -1)
    [[ -n $line ]] || fail "workload $w failed; run: java -cp '$CP' dlnb.bench.Benchmark $w"
    printf 'dlnb\t%s\t%s\n' "$round" "$line" >>"$runs"
    (( peers )) || continue
    for peer in numpy torch; do
      cmd=$(peer_command "$peer" "$w")
      [[ -n $cmd ]] || continue
      say "round $round/$rounds: $peer $w..." >&2
      line=$($cmd 2>/dev/null | tail -1)
      [[ -n $line ]] || fail "the $peer peer failed on $w; run: $cmd"
      printf '%s\t%s\t%s\n' "$peer" "$round" "$line" >>"$runs"
    done
  done
done

descriptions=$(for w in "${workloads[@]}"; do
  printf '%s|%s\n' "$w" "$(java -cp "$CP" dlnb.bench.Benchmark --describe "$w" 2>/dev/null)"
done)

echo "### Machine"
echo '```'
java "${JAVA_OPTS[@]}" -cp "$CP" dlnb.backend.Backend 2>/dev/null
IFS=$'\t' read -r sgemm copy triad <<<"$limits"
echo "limits (ND4J, all cores, best of 5): sgemm $sgemm GFLOP/s (4096², oneDNN or OpenBLAS); memory copy $copy GB/s, triad $triad GB/s (3 × 256 MiB float32)"
echo '```'
echo
PEERS=$peers ROUNDS=$rounds LIMITS=$limits DESCRIPTIONS=$descriptions awk -f "$ROOT/environment/bench-table.awk" "$runs"
