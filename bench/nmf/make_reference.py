#!/usr/bin/env python3
"""Reference numbers for tacit's NMF tests, from scikit-learn (Debian python3-sklearn 1.2.1).

Writes into tacit-core/src/test/resources/nmf/: X.csv (30x20, seeded, strictly positive), the NNDSVD and
NNDSVDA initializations of k=5 (sklearn's _initialize_nmf), and reference.properties with the objectives
(_beta_divergence, no penalty) after 200 sweeps (tol=0) of solver cd / mu from init nndsvda or nndsvd.
Usage: /usr/bin/python3 bench/nmf/make_reference.py
"""
import os
import warnings

import numpy as np
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _beta_divergence, _initialize_nmf

warnings.simplefilter("ignore")
out = os.path.join(os.path.dirname(__file__), "..", "..", "tacit-core", "src", "test", "resources", "nmf")
rng = np.random.default_rng(42)
n, m, k = 30, 20, 5
X = np.abs(rng.standard_normal((n, 3))) @ np.abs(rng.standard_normal((3, m))) + 0.1 * rng.random((n, m)) + 0.01


def save(name, a):
    np.savetxt(os.path.join(out, name), a, delimiter=",", fmt="%.17g")


save("X.csv", X)
for init in ("nndsvd", "nndsvda"):
    W, H = _initialize_nmf(X, k, init=init, random_state=0)
    save(f"{init}_W.csv", W)
    save(f"{init}_H.csv", H)

lines = [f"# scikit-learn {__import__('sklearn').__version__}, k={k}, max_iter=200, tol=0"]
cases = [("cd", "frobenius", "nndsvda"), ("cd", "frobenius", "nndsvd"), ("mu", "frobenius", "nndsvda"),
         ("mu", "kullback-leibler", "nndsvda"), ("mu", "itakura-saito", "nndsvda")]
for solver, loss, init in cases:
    model = NMF(n_components=k, solver=solver, beta_loss=loss, init=init, tol=0.0, max_iter=200, random_state=0)
    W = model.fit_transform(X)
    H = model.components_
    value = _beta_divergence(X, W, H, loss)
    lines.append(f"{solver}.{loss}.{init}={value!r}")
    lines.append(f"{solver}.{loss}.{init}.n_iter={model.n_iter_}")
# a converged run with sklearn's default tol, to compare iteration counts
model = NMF(n_components=k, solver="cd", init="nndsvda", tol=1e-4, max_iter=200, random_state=0)
model.fit_transform(X)
lines.append(f"cd.default_tol.n_iter={model.n_iter_}")
model = NMF(n_components=k, solver="mu", init="nndsvda", tol=1e-4, max_iter=200, random_state=0)
model.fit_transform(X)
lines.append(f"mu.default_tol.n_iter={model.n_iter_}")
with open(os.path.join(out, "reference.properties"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
