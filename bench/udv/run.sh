#!/usr/bin/env bash
# hou2025-completion's udu grid with gauge-covariant steps at other radii (docs/BENCHMARKS.md, "Radius").
#   bench/udv/run.sh 0 1,10 1e-1,1e-2,1e-3            # seed, radii, step sizes (budget 1.5e6, ξ 1e-2,1e-4,1e-6)
#   bench/udv/run.sh 0 1 1e-3 4000000 1e-2,1e-6        # a longer budget for some init scales
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-/tmp/tacit-udv-bench}"
"$ROOT/tacit" list >/dev/null   # builds if needed
CP="$ROOT/tacit-cli/target/classes:$ROOT/tacit-cli/target/lib/*"
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$CP" "$ROOT/bench/udv/GaugeGrid.java"
java -cp "$OUT/classes:$CP" dev.tacit.experiments.GaugeGrid "$@"
