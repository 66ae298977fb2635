#!/usr/bin/env bash
# Side-by-side per-iteration time of the Arora et al. 2019 training loop (depth-3 product, completion
# loss, GroupRMSprop, float64): tacit (DmfStepBenchmark) vs PyTorch (bench/pytorch/dmf_torch.py, Debian's
# python3-torch on Debian's OpenBLAS). Runs are interleaved (tacit, torch, tacit, torch, ...) REPS times so
# that machine noise hits both alike; report medians.
#   (a) n=100, depth 3, m=2000: 10,000 timed iterations after warm-up (JIT warm-up excluded)
#   (b) n=1000, depth 3, m=100000: 30 timed iterations after 5 warm-up
# Usage: bench/run-dmf.sh            (env: REPS=3, THREADS_LIST="2 1", CONFIGS="a b", OUT=/tmp/tacit-bench)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-/tmp/tacit-bench}"
REPS="${REPS:-3}"
THREADS_LIST="${THREADS_LIST:-2 1}"
CONFIGS="${CONFIGS:-a b}"
mkdir -p "$OUT"
RESULT="$OUT/dmf-$(date +%Y%m%d-%H%M%S).jsonl"
(cd "$ROOT" && mvn -B -q package -DskipTests -pl tacit-bench -am >"$OUT/build.log" 2>&1) || { cat "$OUT/build.log"; exit 1; }
CP="$ROOT/tacit-bench/target/classes:$ROOT/tacit-bench/target/lib/*"

# PyTorch on OpenBLAS (installs python3-torch and unpacks libopenblas0-pthread on first use)
ITERS_A=1 WARMUP_A=1 ITERS_B=1 WARMUP_B=1 OUT="$OUT/torch-setup" bash "$ROOT/bench/pytorch/run.sh" >/dev/null 2>&1 || true
LIBDIR="${BLAS_CACHE:-$HOME/.cache/tacit-bench/openblas}/usr/lib/x86_64-linux-gnu/openblas-pthread"

args_for() { case "$1" in a) echo "100 3 2000 10000 3000";; b) echo "1000 3 100000 30 5";; esac; }
torch_args_for() { case "$1" in a) echo "--n 100 --depth 3 --m 2000 --iters 10000 --warmup 500";; b) echo "--n 1000 --depth 3 --m 100000 --iters 30 --warmup 3";; esac; }

for cfg in $CONFIGS; do
  for rep in $(seq 1 "$REPS"); do
    for t in $THREADS_LIST; do
      java -XX:+UseParallelGC -Dtacit.threads="$t" -cp "$CP" dev.tacit.bench.DmfStepBenchmark $(args_for "$cfg") | tee -a "$RESULT"
      LD_LIBRARY_PATH="$LIBDIR" /usr/bin/python3 "$ROOT/bench/pytorch/dmf_torch.py" --threads "$t" --seed 0 $(torch_args_for "$cfg") | tee -a "$RESULT"
    done
  done
done
echo "results: $RESULT"
python3 - "$RESULT" <<'PY'
import json, sys, statistics, collections
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
groups = collections.defaultdict(list)
for r in rows:
    groups[(r["n"], r["impl"], r["threads"])].append(r["us_per_iter"])
for (n, impl, t), v in sorted(groups.items()):
    print(f"n={n:5d} {impl:8s} threads={t}: median {statistics.median(v):10.1f} us/iter  (runs: {', '.join(f'{x:.1f}' for x in v)})")
PY
