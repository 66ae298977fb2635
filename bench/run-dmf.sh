#!/usr/bin/env bash
# Per-iteration time of the DMF training loop, tacit vs PyTorch (double precision, 2 threads each).
# Usage: bench/run-dmf.sh [--no-torch]. Results go to ${OUT:-/tmp/tacit-bench}/dmf-<timestamp>.jsonl.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-/tmp/tacit-bench}"
mkdir -p "$OUT"
RESULT="$OUT/dmf-$(date +%Y%m%d-%H%M%S).jsonl"
(cd "$ROOT" && mvn -B -q package -DskipTests -pl tacit-bench -am >"$OUT/build.log" 2>&1) || { cat "$OUT/build.log"; exit 1; }
CP="$ROOT/tacit-bench/target/classes:$ROOT/tacit-bench/target/lib/*"
run_java() { java -XX:+UseParallelGC -Dtacit.threads="${THREADS:-2}" -cp "$CP" dev.tacit.bench.DmfStepBenchmark "$@" | tee -a "$RESULT"; }
# n=100, depth 3, m=2000: 10,000 timed iterations after 2,000 warm-up
run_java 100 3 2000 10000 2000
# n=1000, depth 3, m=100000: 30 timed iterations after 5 warm-up
run_java 1000 3 100000 30 5
if [ "${1:-}" != "--no-torch" ]; then
  OUT="$OUT" bash "$ROOT/bench/pytorch/run.sh" | tee -a "$RESULT"
fi
echo "results: $RESULT"
