#!/usr/bin/env bash
# Runs the PyTorch peer benchmark (dmf_torch.py) on the two reference configurations and writes one
# JSON line per run to ${OUT:-/tmp/tacit-bench}/pytorch-<timestamp>.jsonl.
#
# Environment knobs:
#   OUT          output folder (default /tmp/tacit-bench; kept out of the git tree on purpose)
#   PYTHON       interpreter that has Debian's python3-torch (default /usr/bin/python3)
#   THREADS      torch.set_num_threads / BLAS threads (default 2)
#   BLAS         openblas (default): Debian's libopenblas0-pthread, unpacked privately under
#                  $BLAS_CACHE and put first on LD_LIBRARY_PATH, so that Debian's torch (which
#                  calls the generic libblas.so.3) runs on OpenBLAS without touching the system's
#                  BLAS alternatives;
#                system: whatever libblas.so.3 the system selects (after a bare
#                  `apt-get install python3-torch` that is netlib's reference BLAS, ~10x slower).
#   BLAS_CACHE   where the OpenBLAS .deb is unpacked (default ~/.cache/tacit-bench/openblas)
#   VARIANTS     "dense" (default) or "dense sparse" to also run --sparse-gather
#   ITERS_A, WARMUP_A, ITERS_B, WARMUP_B   iteration counts (defaults 10000/500 and 30/3)
#   SEED         RNG seed (default 0)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${OUT:-/tmp/tacit-bench}"
PYTHON="${PYTHON:-/usr/bin/python3}"
THREADS="${THREADS:-2}"
BLAS="${BLAS:-openblas}"
BLAS_CACHE="${BLAS_CACHE:-$HOME/.cache/tacit-bench/openblas}"
VARIANTS="${VARIANTS:-dense}"
ITERS_A="${ITERS_A:-10000}"; WARMUP_A="${WARMUP_A:-500}"
ITERS_B="${ITERS_B:-30}";    WARMUP_B="${WARMUP_B:-3}"
SEED="${SEED:-0}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# 1. Debian's PyTorch (the system python, not a pyenv one on PATH).
if ! "$PYTHON" -c 'import torch' >/dev/null 2>&1; then
    echo "[run.sh] torch not importable by $PYTHON; installing Debian's python3-torch" >&2
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq python3-torch
    "$PYTHON" -c 'import torch' || { echo "[run.sh] $PYTHON still cannot import torch" >&2; exit 1; }
fi

# 2. BLAS selection.
case "$BLAS" in
    openblas)
        libdir="$BLAS_CACHE/usr/lib/x86_64-linux-gnu/openblas-pthread"
        if [ ! -e "$libdir/libblas.so.3" ]; then
            echo "[run.sh] unpacking Debian's libopenblas0-pthread into $BLAS_CACHE" >&2
            tmp="$(mktemp -d)"
            ( cd "$tmp" && apt-get download -qq libopenblas0-pthread ) || {
                $SUDO apt-get update -qq
                ( cd "$tmp" && apt-get download -qq libopenblas0-pthread )
            }
            mkdir -p "$BLAS_CACHE"
            dpkg-deb -x "$tmp"/libopenblas0-pthread_*.deb "$BLAS_CACHE"
            rm -rf "$tmp"
        fi
        export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        ;;
    system) ;;
    *) echo "[run.sh] BLAS must be openblas or system, got '$BLAS'" >&2; exit 2 ;;
esac

mkdir -p "$OUT"
RESULT="$OUT/pytorch-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
echo "[run.sh] python=$PYTHON threads=$THREADS blas=$BLAS results -> $RESULT" >&2

run() {
    echo "[run.sh] $PYTHON $HERE/dmf_torch.py $*" >&2
    "$PYTHON" "$HERE/dmf_torch.py" --threads "$THREADS" --seed "$SEED" "$@" | tee -a "$RESULT"
}

for v in $VARIANTS; do
    case "$v" in
        dense)  extra=() ;;
        sparse) extra=(--sparse-gather) ;;
        *) echo "[run.sh] unknown variant '$v'" >&2; exit 2 ;;
    esac
    # (a) n=100, depth 3, m=2000
    run --n 100 --depth 3 --m 2000 --iters "$ITERS_A" --warmup "$WARMUP_A" ${extra[@]+"${extra[@]}"}
    # (b) n=1000, depth 3, m=100000
    run --n 1000 --depth 3 --m 100000 --iters "$ITERS_B" --warmup "$WARMUP_B" ${extra[@]+"${extra[@]}"}
done

echo "[run.sh] wrote $RESULT" >&2
