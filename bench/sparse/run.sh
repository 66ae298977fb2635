#!/usr/bin/env bash
# Sparse kernels vs dense GEMM for the completion gradient (docs/BENCHMARKS.md, "Sparse-first DMF step").
#   bench/sparse/run.sh          # n = 100 (m = 2000, 5000) and n = 1000 (m = 100,000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-/tmp/tacit-sparse-bench}"
"$ROOT/tacit" list >/dev/null   # builds if needed
CP="$ROOT/tacit-cli/target/classes:$ROOT/tacit-cli/target/lib/*"
mkdir -p "$OUT/classes"
javac -nowarn --add-modules jdk.incubator.vector -d "$OUT/classes" -cp "$CP" "$ROOT/bench/sparse/SparseKernels.java" 2>&1 \
  | grep -v "incubat" || true
run() { java --add-modules jdk.incubator.vector -Dtacit.threads=1 -cp "$OUT/classes:$CP" SparseKernels "$@" 2>&1 | grep -v "incubat"; }
run 100 2000 2000 5000
run 1000 3 100000
