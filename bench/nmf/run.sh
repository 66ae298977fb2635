#!/usr/bin/env bash
# Frobenius NMF of a seeded 2000x1000 nonnegative matrix (rank-20 |N| product + noise, bench/nmf/gen.py), k=10,
# init nndsvda, tol 0 (200 sweeps): tacit HalsRule vs sklearn solver="cd", tacit MU vs sklearn solver="mu".
# Interleaved REPS times (tacit, sklearn, ...); prints every run and the medians (fit seconds, I/O excluded).
# sklearn: Debian's python3-sklearn (/usr/bin/python3). numpy is run on the same OpenBLAS that tacit bundles
# (LD_PRELOAD of the javacpp cache's libopenblas.so.0) when found, else on whatever BLAS Debian selects.
# Requires: mvn -o -pl tacit-core compile (tacit-core/target/classes) and tacit-bench/target/lib/*.jar.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-/tmp/tacit-nmf-bench}"
REPS="${REPS:-3}"
PY=/usr/bin/python3
mkdir -p "$OUT/classes"
[ -f "$OUT/X.bin" ] || "$PY" "$ROOT/bench/nmf/gen.py" "$OUT/X.bin"
if ls "$ROOT"/tacit-bench/target/lib/*.jar >/dev/null 2>&1; then
  DEPS="$(ls "$ROOT"/tacit-bench/target/lib/*.jar | tr '\n' ':')"
else # no tacit-bench build: tacit-core's runtime classpath from the local Maven repository
  (cd "$ROOT" && mvn -B -q -o -pl tacit-core dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
  DEPS="$(cat "$OUT/cp.txt")"
fi
CP="$ROOT/tacit-core/target/classes:$DEPS"
javac -d "$OUT/classes" -cp "$CP" "$ROOT/bench/nmf/NmfBench.java"
BLAS="$(ls "$HOME"/.javacpp/cache/openblas-*/org/bytedeco/openblas/linux-x86_64/libopenblas.so.0 2>/dev/null | head -1 || true)"
: > "$OUT/results.txt"
for solver in cd mu; do
  for r in $(seq "$REPS"); do
    echo "tacit $(java -cp "$OUT/classes:$CP" NmfBench "$OUT/X.bin" "$solver")" | tee -a "$OUT/results.txt"
    echo "sklearn $(LD_PRELOAD="$BLAS" "$PY" "$ROOT/bench/nmf/sk.py" "$OUT/X.bin" "$solver")" | tee -a "$OUT/results.txt"
  done
done
"$PY" - "$OUT/results.txt" <<'PY'
import sys, statistics, collections
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    lib, solver, sec, rel, it = line.split()
    d[(lib, solver)].append((float(sec), float(rel)))
for (lib, solver), v in sorted(d.items()):
    print(f"{solver:3s} {lib:8s} median seconds {statistics.median(s for s, _ in v):.3f}  rel_error {v[0][1]:.6f}  runs {len(v)}")
PY
