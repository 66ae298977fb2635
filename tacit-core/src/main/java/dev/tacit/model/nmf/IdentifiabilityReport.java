package dev.tacit.model.nmf;

import dev.tacit.linalg.Matrix;

/**
 * The outcome of {@link Identifiability#analyze}: the fitted solution and the inner and outer extreme
 * solutions of the feasible set {T : T·1 = 1, A·T⁻¹ ≥ 0, T·B ≥ 0}, with the uniqueness verdict and
 * supporting numbers (Qi &amp; van der Heijden, arXiv:2512.22282; R {@code lba}'s {@code identif()};
 * MAV-NMF's volume check; {@code nmf_family.md} §1.4).
 *
 * @param components K
 * @param fitted the solution passed in (T = I)
 * @param inner the inner extreme: the feasible T minimising the summed chi-square distance between budgets
 * @param outer the outer extreme: the feasible T maximising it
 * @param verdict {@link Verdict#UNIQUE} when (outer − inner) ≤ tolerance·max(outer, 1e-300)
 * @param tolerance the relative tolerance of the verdict
 * @param pureColumnsPerBudget for each budget k, the number of columns j where b_kj &gt; 1e-10 and every
 *     other budget is ≤ 1e-10 (B has a K×K scaled-identity submatrix iff all are ≥ 1)
 * @param pureRowsPerComponent for each component k, the number of rows i with a_il ≤ 1e-10 for all l ≠ k
 *     (pure rows: A contains the K×K identity iff all are ≥ 1)
 * @param zerosPerComponent for each component k, the number of rows i with a_ik ≤ 1e-10 (zeros of column k
 *     of A; a necessary condition for uniqueness is ≥ K−1 in every column of A and every row of B, Gillis'
 *     book, {@code nmf_family.md} §1.4 item 3)
 * @param zerosPerBudget for each budget k, the number of columns j with b_kj ≤ 1e-10
 * @param slack the constraint slack s: the feasible set used was A·T⁻¹ ≥ −s, T·B ≥ −s (0 = exact)
 * @param volumeGap logVolume(outer) − logVolume(inner), log det(BBᵀ + 0.1 I) of the two extremes of the
 *     chi-square criterion: a proxy of MAV-NMF's min/max-volume gap, which fits min- and max-volume NMF
 *     ({@link NmfSolver#MIN_VOLUME}, {@link NmfSolver#MAX_VOLUME}) instead
 * @param evaluations feasible objective evaluations used by the search
 */
public record IdentifiabilityReport(int components, Extreme fitted, Extreme inner, Extreme outer, Verdict verdict,
                                    double tolerance, int[] pureColumnsPerBudget, int[] pureRowsPerComponent,
                                    int[] zerosPerComponent, int[] zerosPerBudget, double slack, double volumeGap, long evaluations) {

    /** Whether the latent budget solution is unique up to permutation of the components. */
    public enum Verdict {
        /** The feasible set is one point up to permutation: inner and outer extremes coincide. */
        UNIQUE,
        /** Other feasible solutions exist: the outer extreme is strictly farther apart than the inner one. */
        NOT_UNIQUE
    }

    /**
     * One solution A' = A·T⁻¹, B' = T·B of the feasible set.
     *
     * @param t T (K×K), rows sum to 1
     * @param a A·T⁻¹ (n×K)
     * @param b T·B (K×m)
     * @param distance Σ_{k&lt;l} √(Σ_j (b'_kj − b'_lj)² / c_j), c_j the column sums of A·B
     *     ({@code identif()}'s criterion)
     * @param logVolume log det(B'B'ᵀ + 0.1 I)
     */
    public record Extreme(Matrix t, Matrix a, Matrix b, double distance, double logVolume) {
    }

    /** @return outer.distance − inner.distance (≥ 0) */
    public double distanceGap() {
        return outer.distance() - inner.distance();
    }

    /** @return whether every column of A and every row of B has ≥ K−1 zeros (necessary for uniqueness) */
    public boolean enoughZeros() {
        for (int k = 0; k < components; k++) {
            if (zerosPerComponent[k] < components - 1 || zerosPerBudget[k] < components - 1) {
                return false;
            }
        }
        return true;
    }

    /** @return whether both A and B are separable (every pure-row and pure-column count ≥ 1): sufficient for uniqueness */
    public boolean separable() {
        for (int k = 0; k < components; k++) {
            if (pureColumnsPerBudget[k] < 1 || pureRowsPerComponent[k] < 1) {
                return false;
            }
        }
        return true;
    }
}
