# Renders environment/bench.sh's runs as Markdown tables. Input: one run per line, tab-separated: implementation
# (dlnb, numpy, torch), round, then the run's own line (dlnb.bench.Benchmark's, or a peer's from
# environment/peers/result.py). Environment: PEERS (1: the comparison table), ROUNDS, LIMITS (dlnb.bench.MachineLimits'
# line: sgemm GFLOP/s, copy GB/s, triad GB/s), DESCRIPTIONS (lines "workload|description|target", in table order).
# Each workload's row shows the best (highest images/s) run of each implementation.
function commas(x,   s, r) {
  s = sprintf("%.0f", x); r = ""
  while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
  return s r
}
function pct(x) { return sprintf(x < 9.95 ? "%.1f%%" : "%.0f%%", x) }
function speed(w, i) { return w ~ /^W1/ ? sprintf("%.2f s", sec[i]) : commas(ips[i]) " img/s" }
function limit_cell(w, i,   g, cell) {
  g = flops[w] * ips[i] / 1e9
  cell = sprintf("%.1f GFLOP/s = %s of %.0f", g, pct(100 * g / sgemm), sgemm)
  if (w == "W2_1000" && upd[i] > 0)
    cell = cell sprintf("; Adam step %.1f GB/s = %s of %.0f", bytes[w] / upd[i] / 1e9, pct(100 * bytes[w] / upd[i] / 1e9 / bandwidth), bandwidth)
  return cell
}
BEGIN {
  FS = "\t"
  peers = ENVIRON["PEERS"]; rounds = ENVIRON["ROUNDS"]; limits = ENVIRON["LIMITS"]; descriptions = ENVIRON["DESCRIPTIONS"]
  split(limits, l, "\t"); sgemm = l[1]; bandwidth = (l[2] > l[3] ? l[2] : l[3])
  n = split(descriptions, d, "\n")
  for (k = 1; k <= n; k++) { split(d[k], part, "|"); order[k] = part[1]; desc[part[1]] = part[2]; target[part[1]] = part[3] }
  nw = n
}
{
  # "+ 0" makes every number numeric: a value edited by gsub is a string, and strings compare as text.
  i = NR; impl[i] = ($1 == "torch" ? "PyTorch" : $1); round[i] = $2; w = $3; work[i] = w; sec[i] = $4 + 0
  v = $5; gsub(/,/, "", v); ips[i] = v + 0
  acc[i] = $6 + 0; settings[i] = $7; build[i] = $8; rss[i] = $9
  if ($1 == "dlnb") { flops[w] = $10 + 0; upd[i] = $11 + 0; bytes[w] = $12 + 0 } else upd[i] = $10 + 0
  key = impl[i] SUBSEP w
  if (!(key in best) || ips[i] > ips[best[key]]) best[key] = i
}
END {
  if (!peers) {
    print "| workload | seconds | images/s | test accuracy | threads | native build | peak RSS (MiB) | % of this machine's limit | target |"
    print "|---|---:|---:|---:|---|---|---:|---|---|"
    for (k = 1; k <= nw; k++) {
      w = order[k]; i = best["dlnb" SUBSEP w]
      printf "| %s | %.2f | %s | %.4f | %s | %s | %s | %s | %s |\n", desc[w], sec[i], commas(ips[i]), acc[i],
        settings[i], build[i], rss[i], limit_cell(w, i), target[w]
    }
    if (rounds > 1) print "\nBest of " rounds " rounds."
    exit
  }
  print "| workload | dlnb | numpy (by hand) | PyTorch | dlnb ÷ best peer | % of this machine's limit (dlnb) | test accuracy dlnb / numpy / PyTorch |"
  print "|---|---:|---:|---:|---:|---|---|"
  for (k = 1; k <= nw; k++) {
    w = order[k]; i = best["dlnb" SUBSEP w]; cells = ""; accs = sprintf("%.4f", acc[i]); top = 0
    for (p = 1; p <= 2; p++) {
      name = (p == 1 ? "numpy" : "PyTorch"); key = name SUBSEP w
      if (key in best) {
        j = best[key]; cells = cells " | " speed(w, j); accs = accs sprintf(" / %.4f", acc[j])
        if (ips[j] > top) top = ips[j]
      } else { cells = cells " | –"; accs = accs " / –" }
    }
    ratio = top > 0 ? sprintf("%.2f×", ips[i] / top) : "–"
    printf "| %s | %s%s | %s | %s | %s |\n", desc[w], speed(w, i), cells, ratio, limit_cell(w, i), accs
  }
  print ""
  print "Each cell is the best of " rounds " rounds, the runs interleaved (dlnb, numpy, PyTorch, then the next workload;"
  print "round after round) so that drift in machine speed hits all alike. W1 cells are training seconds (35 epochs),"
  print "the others images/s (W2 over epochs 2-3, W3 over its one epoch). dlnb ÷ best peer = dlnb images/s ÷ the faster"
  print "peer's (above 1: dlnb faster). GFLOP/s count the matrix products and convolutions of forward and backward"
  print "passes (dlnb.bench.FlopCount); the Adam step counts 7 floats read or written per parameter (dlnb.bench.UpdateTraffic)."
  print "The optimizer step is the mean over the same epochs' steps."
  print ""
  print "All runs:"
  print ""
  print "| round | workload | run | seconds | images/s | GFLOP/s | test accuracy | optimizer step | peak RSS (MiB) | settings |"
  print "|---:|---|---|---:|---:|---:|---:|---|---:|---|"
  for (i = 1; i <= NR; i++) {
    w = work[i]; step = upd[i] > 0 ? sprintf("%.3f ms, %.1f GB/s", upd[i] * 1e3, bytes[w] / upd[i] / 1e9) : "–"
    printf "| %d | %s | %s | %.2f | %s | %.1f | %.4f | %s | %s | %s; %s |\n", round[i], w, impl[i], sec[i], commas(ips[i]),
      flops[w] * ips[i] / 1e9, acc[i], step, rss[i], settings[i], build[i]
  }
}
