#!/usr/bin/env python3
"""Writes the benchmark matrix: X = |N(0,1)|(2000x20) @ |N(0,1)|(20x1000) + 0.1*|N(0,1)|, seed 0, float64 little-endian row-major."""
import sys
import numpy as np
rng = np.random.default_rng(0)
X = np.abs(rng.standard_normal((2000, 20))) @ np.abs(rng.standard_normal((20, 1000))) + 0.1 * np.abs(rng.standard_normal((2000, 1000)))
X.astype("<f8").tofile(sys.argv[1])
