#!/usr/bin/env python3
"""One sklearn fit of the benchmark matrix: prints 'solver seconds rel_error' (I/O excluded)."""
import sys, time, warnings
import numpy as np
from sklearn.decomposition import NMF
warnings.simplefilter("ignore")
X = np.fromfile(sys.argv[1], dtype="<f8").reshape(2000, 1000)
solver = sys.argv[2]
start = time.perf_counter()
model = NMF(n_components=10, solver=solver, init="nndsvda", tol=0.0, max_iter=200, random_state=0)
W = model.fit_transform(X)
seconds = time.perf_counter() - start
print(solver, f"{seconds:.3f}", f"{np.linalg.norm(X - W @ model.components_) / np.linalg.norm(X):.6f}", model.n_iter_)
