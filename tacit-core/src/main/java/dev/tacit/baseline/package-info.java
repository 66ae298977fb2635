/**
 * Baselines that are not deep matrix factorizations. {@link dev.tacit.baseline.NuclearNormMinimization}
 * is the convex baseline of Arora, Cohen, Hu, Luo (NeurIPS 2019): minimize the nuclear norm ‖X‖_*
 * subject to matching the observed entries (completion) or linear measurements (sensing) up to ±δ,
 * solved by ADMM with singular value soft-thresholding (Boyd et al. 2011; Cai, Candès, Shen 2010) in
 * pure Java on {@link dev.tacit.linalg.Matrix}; it returns a {@link dev.tacit.baseline.NuclearNormResult}.
 */
package dev.tacit.baseline;
