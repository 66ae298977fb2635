#!/usr/bin/env python3
"""PyTorch (CPU, float64) peer benchmark for tacit's deep-matrix-factorization training loop.

Reimplements the matrix-completion loop of Arora, Cohen, Hu & Luo (2019), "Implicit
Regularization in Deep Matrix Factorization" (official code: roosephu/deep_matrix_factorization),
and times one training iteration = forward + loss.backward() + GroupRMSprop step.

Setup
  * ground truth  U, V ~ N(0,1) (n x r, r = 5), W* = U V^T / sqrt(r), rescaled so ||W*||_F = n
  * observations  m entries drawn uniformly without replacement from the n^2 positions, y = W*[i, j]
  * model         W = W_N ... W_1, every layer n x n, N(0, std^2) init with
                  std = init_scale^(1/N) / sqrt(n)
  * loss          mean over the observed entries of (W_ij - y_ij)^2   (no 1/2)
  * optimizer     GroupRMSprop: one scalar second-moment estimate shared by all layers,
                    v <- 0.99 v + 0.01 * sum_j ||grad_j||_F^2 ;  t <- t + 1
                    lr_eff = lr / (sqrt(v / (1 - 0.99^t)) + 1e-4) ;  W_j <- W_j - lr_eff * grad_j

Forward variants
  * default (dense): the end-to-end product W is formed with torch matmuls and the observed
    entries are then indexed out, W[rows, cols], exactly as the official code does.
  * --sparse-gather: P = W_N ... W_2 is formed densely, but only the m observed entries of
    P @ W_1 are computed (torch.sparse.sampled_addmm on a CSR mask); its backward uses sparse
    (CSR) x dense products, so the full n x n product and its dense gradient are never formed.

Output: one JSON line on stdout. Diagnostics go to stderr.
"""
import argparse
import json
import os
import sys
import time
import warnings


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=100, help="matrix size (n x n)")
    p.add_argument("--depth", type=int, default=3, help="number of factors N")
    p.add_argument("--m", type=int, default=2000, help="number of observed entries")
    p.add_argument("--rank", type=int, default=5, help="rank of the ground truth")
    p.add_argument("--iters", type=int, default=1000, help="timed iterations")
    p.add_argument("--warmup", type=int, default=50, help="untimed warm-up iterations")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (also BLAS/OMP env)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--init-scale", type=float, default=1e-3)
    p.add_argument("--sparse-gather", action="store_true",
                   help="compute only the observed entries of the end-to-end product")
    args = p.parse_args(argv)
    if args.m > args.n * args.n:
        p.error("--m must be <= n^2")
    if args.depth < 1:
        p.error("--depth must be >= 1")
    if args.sparse_gather and args.depth < 2:
        p.error("--sparse-gather needs depth >= 2")
    return args


ARGS = parse_args()

# The BLAS thread pools (OpenBLAS pthreads, OpenMP) read their size when the library is loaded, so
# pin them before torch is imported. Values already in the environment win.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, str(ARGS.threads))

import torch  # noqa: E402

warnings.filterwarnings("ignore", message="Sparse CSR tensor support is in beta")


def blas_libraries():
    """Shared objects mapped into this process that look like a BLAS (what torch really calls)."""
    libs = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                base = os.path.basename(path)
                if "blas" in base or "mkl" in base or "lapack" in base:
                    libs.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(libs)


class GroupRMSprop(torch.optim.Optimizer):
    """RMSprop with a single second-moment scalar shared by all parameters (as in the paper's code)."""

    def __init__(self, params, lr=1e-3, alpha=0.99, eps=1e-4):
        super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps))
        self.v = 0.0
        self.t = 0

    @torch.no_grad()
    def step(self):
        params = [p for g in self.param_groups for p in g["params"] if p.grad is not None]
        group = self.param_groups[0]
        alpha = group["alpha"]
        sq = 0.0
        for p in params:
            sq += p.grad.pow(2).sum().item()
        self.v = alpha * self.v + (1.0 - alpha) * sq
        self.t += 1
        lr_eff = group["lr"] / ((self.v / (1.0 - alpha ** self.t)) ** 0.5 + group["eps"])
        for p in params:
            p.add_(p.grad, alpha=-lr_eff)
        return lr_eff


class SparsePattern:
    """Fixed sparsity pattern of the observed entries, in CSR form for both G and G^T.

    rows/cols must be sorted row-major (rows ascending, then cols).
    """

    def __init__(self, rows, cols, shape):
        n1, n2 = shape
        self.shape = shape
        self.crow = torch.zeros(n1 + 1, dtype=torch.int64)
        self.crow[1:] = torch.bincount(rows, minlength=n1).cumsum(0)
        self.col = cols.contiguous()
        # transpose: entries reordered column-major
        self.perm = torch.argsort(cols * n1 + rows)
        self.ccol = torch.zeros(n2 + 1, dtype=torch.int64)
        self.ccol[1:] = torch.bincount(cols, minlength=n2).cumsum(0)
        self.row_t = rows[self.perm].contiguous()
        self.mask = torch.sparse_csr_tensor(self.crow, self.col, torch.zeros(rows.numel(), dtype=torch.float64),
                                            shape)

    def csr(self, vals):
        return torch.sparse_csr_tensor(self.crow, self.col, vals, self.shape)

    def csr_t(self, vals):
        return torch.sparse_csr_tensor(self.ccol, self.row_t, vals[self.perm], (self.shape[1], self.shape[0]))


class SampledMatmul(torch.autograd.Function):
    """vals[k] = (P @ Q)[rows[k], cols[k]], without forming P @ Q.

    forward: torch.sparse.sampled_addmm on the CSR pattern; backward: with G the sparse matrix that
    holds grad_vals at (rows, cols), dP = G Q^T and dQ = P^T G = (G^T P)^T, as CSR x dense products.
    """

    @staticmethod
    def forward(ctx, P, Q, pattern):
        ctx.save_for_backward(P, Q)
        ctx.pattern = pattern
        return torch.sparse.sampled_addmm(pattern.mask, P, Q, beta=0.0).values().clone()

    @staticmethod
    def backward(ctx, grad_vals):
        P, Q = ctx.saved_tensors
        pat = ctx.pattern
        grad_vals = grad_vals.contiguous()
        dP = dQ = None
        if ctx.needs_input_grad[0]:
            dP = pat.csr(grad_vals) @ Q.t()
        if ctx.needs_input_grad[1]:
            dQ = (pat.csr_t(grad_vals) @ P).t()
        return dP, dQ, None


def main():
    args = ARGS
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dtype = torch.float64
    n, r, depth, m = args.n, args.rank, args.depth, args.m

    # ground truth
    U = torch.randn(n, r, dtype=dtype)
    V = torch.randn(n, r, dtype=dtype)
    w_gt = U @ V.t() / r ** 0.5
    w_gt = w_gt / torch.linalg.norm(w_gt) * n

    # observations: m of the n^2 positions, uniformly without replacement (sorted for locality)
    idx = torch.randperm(n * n)[:m].sort().values
    rows = torch.div(idx, n, rounding_mode="floor")
    cols = idx % n
    ys = w_gt[rows, cols]

    # factors W_1 .. W_N
    std = args.init_scale ** (1.0 / depth) / n ** 0.5
    Ws = [torch.nn.Parameter(torch.randn(n, n, dtype=dtype) * std) for _ in range(depth)]
    opt = GroupRMSprop(Ws, lr=args.lr, alpha=0.99, eps=1e-4)

    def e2e():
        w = Ws[0]
        for W in Ws[1:]:
            w = W @ w                       # W_N ... W_2 W_1
        return w

    if args.sparse_gather:
        pattern = SparsePattern(rows, cols, (n, n))

        def predictions():
            P = Ws[-1]
            for W in reversed(Ws[1:-1]):
                P = P @ W                   # W_N ... W_2
            return SampledMatmul.apply(P, Ws[0], pattern)
    else:
        def predictions():
            return e2e()[rows, cols]

    def step():
        loss = (predictions() - ys).pow(2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    print(f"[dmf_torch] torch {torch.__version__}, threads={torch.get_num_threads()}, "
          f"n={n} depth={depth} m={m} warmup={args.warmup} iters={args.iters} "
          f"variant={'sparse-gather' if args.sparse_gather else 'dense'}", file=sys.stderr)
    print(torch.__config__.parallel_info(), file=sys.stderr)

    for _ in range(args.warmup):
        step()
    # The timed iterations run back to back; the clock is also read at ~10 block boundaries (cost:
    # one perf_counter call per block) so that interference from other processes shows up as a gap
    # between the mean and the best / median block.
    n_blocks = max(1, min(10, args.iters))
    bounds = [args.iters * b // n_blocks for b in range(n_blocks + 1)]
    marks = []
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    for b in range(n_blocks):
        for _ in range(bounds[b + 1] - bounds[b]):
            step()
        marks.append(time.perf_counter())
    elapsed = marks[-1] - t0
    load_after = os.getloadavg()
    starts = [t0] + marks[:-1]
    block_us = sorted((e - s) / (bounds[b + 1] - bounds[b]) * 1e6
                      for b, (s, e) in enumerate(zip(starts, marks)))

    with torch.no_grad():
        w = e2e()
        final_loss = (w[rows, cols] - ys).pow(2).mean().item()
        test_error = ((w - w_gt).pow(2).sum() / w_gt.pow(2).sum()).item()

    blas = blas_libraries()
    print(f"[dmf_torch] BLAS libraries mapped: {blas}", file=sys.stderr)
    result = {
        "impl": "pytorch",
        "variant": "sparse-gather" if args.sparse_gather else "dense",
        "torch_version": torch.__version__,
        "blas": blas,
        "n": n,
        "depth": depth,
        "m": m,
        "threads": torch.get_num_threads(),
        "warmup": args.warmup,
        "iters": args.iters,
        "seed": args.seed,
        "lr": args.lr,
        "init_scale": args.init_scale,
        "elapsed_s": elapsed,
        "us_per_iter": elapsed / args.iters * 1e6 if args.iters > 0 else None,
        "blocks": n_blocks,
        "us_per_iter_best_block": block_us[0] if args.iters > 0 else None,
        "us_per_iter_median_block": block_us[len(block_us) // 2] if args.iters > 0 else None,
        "loadavg_1m_before": load_before[0],
        "loadavg_1m_after": load_after[0],
        "cpus": os.cpu_count(),
        "final_train_loss": final_loss,
        "test_error": test_error,
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
