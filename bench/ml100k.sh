#!/usr/bin/env bash
# MovieLens 100K, official folds u1-u5 (train = u.data minus uK.test): RMSE, MAE and wall time per model.
# The data is research-use only and never copied into the repo: it is read from $TACIT_ML100K
# (default ../shared/data/ml-100k). Extra arguments go to every `tacit complete` call, e.g.
#   bench/ml100k.sh                       # every model with its defaults
#   MODELS="dmf" bench/ml100k.sh --depth 2  # one model, overridden settings
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TACIT_ML100K:-$ROOT/../shared/data/ml-100k}"
OUT="${OUT:-/tmp/tacit-ml100k}"
MODELS="${MODELS:-dmf udv mf als softimpute bias}"
if [ ! -f "$DATA/u.data" ]; then
  echo "MovieLens 100K not found in $DATA (set TACIT_ML100K); skipping" >&2
  exit 0
fi
TESTS="$DATA/u1.test,$DATA/u2.test,$DATA/u3.test,$DATA/u4.test,$DATA/u5.test"
"$ROOT/tacit" list >/dev/null   # builds if needed, outside the timings
for m in $MODELS; do
  dir="$OUT/$m"
  start=$(date +%s.%N)
  "$ROOT/tacit" complete --data "$DATA/u.data" --test "$TESTS" --model "$m" --out "$dir" "$@" >/dev/null
  end=$(date +%s.%N)
  python3 - "$dir/metrics.json" "$m" "$start" "$end" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
folds = m["folds"]
u1 = folds[0]["rmse"]
print(f'{sys.argv[2]:11s} rmse mean {m["rmse"]:.4f} (sd {m["rmse_std"]:.4f})  u1 {u1:.4f}  mae {m["mae"]:.4f}  '
      f'seconds (train+predict, 5 folds) {m["seconds"]:.1f}  wall incl. JVM {float(sys.argv[4]) - float(sys.argv[3]):.1f}')
PY
done
