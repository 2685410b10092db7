#!/usr/bin/env bash
# Measures every peer run with one thread and with all cores (and W3 in both memory layouts), the variants
# alternating so that drift in machine speed hits all alike, and prints the best images/s of each variant over the
# rounds. bench.sh's PEER_SETTINGS come from this.
#   environment/peers/tune.sh [rounds] [workload...]     (default 3 rounds, all workloads)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=/usr/bin/python3
rounds=${1:-3}
shift || true
workloads=("$@")
(( ${#workloads[@]} )) || workloads=(W1_500 W1_20000 W2_50 W2_1000 W3)
all=$(nproc)

variants=()
for w in "${workloads[@]}"; do
  for t in 1 "$all"; do
    if [[ $w == W3 ]]; then
      variants+=("torch_cnn.py $w --threads $t" "torch_cnn.py $w --threads $t --channels-last")
    else
      variants+=("numpy_mlp.py $w --threads $t" "torch_mlp.py $w --threads $t")
    fi
  done
done

declare -A best
for ((r = 1; r <= rounds; r++)); do
  for v in "${variants[@]}"; do
    # shellcheck disable=SC2086
    line=$($PY "$HERE"/$v | tail -1)
    ips=$(cut -f3 <<<"$line" | tr -d ,)
    echo "round $r: $v -> $ips images/s, test accuracy $(cut -f4 <<<"$line")" >&2
    if [[ -z ${best[$v]:-} ]] || (( ips > best[$v] )); then best[$v]=$ips; fi
  done
done
echo "| peer run | best images/s of $rounds |"
echo "|---|---:|"
for v in "${variants[@]}"; do printf '| %s | %s |\n' "$v" "${best[$v]}"; done
