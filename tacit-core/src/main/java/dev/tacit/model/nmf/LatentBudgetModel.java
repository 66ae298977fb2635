package dev.tacit.model.nmf;

/**
 * The five latent-budget-type models reviewed by Qi &amp; van der Heijden, "A review of NMF, PLSA, LBA,
 * EMA, and LCA with a focus on the identifiability issue" (arXiv:2512.22282, 2025), each fitted by
 * {@link LatentBudgets#fit} as a thin adapter over the one NMF core ({@link Nmf#fit}) followed by the
 * rescaling D = diag(H·1), W' = W·D, H' = D⁻¹·H (review §"relations"; our notes
 * {@code nmf_family.md} §0.2 and §1.2).
 *
 * <p>All five share the model Π = A·B for the row-conditional table π_{j|i} = Σ_k a_ik b_kj, with A
 * (n×K) and B (K×m) nonnegative and row-stochastic (the R {@code lba} package stores B transposed, J×K
 * with columns summing to 1; we store the budgets as rows). They differ only in the fit criterion,
 * i.e. in the matrix and the loss handed to NMF:
 *
 * <pre>
 *   model    NMF input                       loss (solver)           criterion it equals
 *   PLSA     P = N / ΣN  (joint table)       KL (MU)                 Hofmann's asymmetric PLSA likelihood
 *   LBA_ML   N  (= D_r·profiles, counts)     KL (MU)                 product-multinomial log-likelihood
 *   LCA      P = N / ΣN  (joint table)       KL (MU)                 two-variable latent class likelihood
 *   LBA_LS   D_r⁻¹N (row profiles)           Frobenius (any)         unweighted LS on the profiles
 *   EMA      D_r⁻¹N (row profiles)           Frobenius (any)         LS end-member mixing
 * </pre>
 */
public enum LatentBudgetModel {
    /**
     * Asymmetric PLSA (Hofmann 1999): P(w|d) = Σ_z P(z|d) P(w|z). Fitted as KL-NMF of the joint table
     * P = N/ΣN. The generalized KL divergence is homogeneous, D(cN‖cY) = c·D(N‖Y), so this has the
     * same minimisers as {@link #LBA_ML} (the EM of PLSA is the KL multiplicative update plus
     * renormalisation, {@code nmf_family.md} §1.3); the fit also reports the joint parameterisation
     * P(d, z) = r_d·a_dz (see {@link LatentBudgetFit#jointRowFactor()}).
     */
    PLSA(true, true),
    /**
     * LBA by maximum likelihood (de Leeuw &amp; van der Heijden 1988) under the product-multinomial model
     * n_i· ~ Mult(n_i+, π_{·|i}). Derivation (ours, {@code nmf_family.md} §1.2 "LBA-ML ≡ weighted KL on
     * counts"): with Y = D_r·A·B, D_r = diag(n_i+),
     * D_KL(N‖Y) = Σ_ij n_ij log(n_ij / y_ij) − Σ n_ij + Σ y_ij = const − Σ_ij n_ij log (AB)_ij because
     * Σ_ij y_ij = Σ_i n_i+ when A and B are row-stochastic. So maximising the likelihood = KL-NMF of the
     * counts N, which is the row-profile matrix D_r⁻¹N weighted row-wise by the row mass n_i+
     * (D_KL(N‖D_rY') = Σ_i n_i+ D_KL(p_i‖y'_i)). The unconstrained KL optimum already satisfies the
     * marginal constraint Σ_j (WH)_ij = n_i+ (the free row scale of W is optimal there), so the rescaled
     * NMF optimum is an LBA-ML solution.
     */
    LBA_ML(true, false),
    /**
     * Latent class analysis with two manifest variables ≡ symmetric PLSA:
     * P(i, j) = Σ_k p_k P(i|k) P(j|k) = U·diag(p)·B. Fitted as KL-NMF of the joint table P = N/ΣN
     * (W = U·diag(p), H = B after rescaling, {@code nmf_family.md} §1.2); p_k =
     * {@link LatentBudgetFit#componentWeights()}, U = {@link LatentBudgetFit#jointRowFactor()}.
     */
    LCA(true, true),
    /**
     * LBA by least squares: min ‖D_r⁻¹N − A·B‖²_F over row-stochastic A, B, fitted as Frobenius NMF of
     * the row-profile matrix D_r⁻¹N (identity weights; R {@code lba.ls} by default weights rows by
     * √(row mass) and columns by 1/√(column mass), which we do not).
     */
    LBA_LS(false, false),
    /**
     * End-member analysis (Renner 1988; Weltje 1997): X ≈ M·E with M (proportions) and E (end-members)
     * both nonnegative with rows summing to 1 — the review's "Π = W G with nonnegativity and row-sum-to-one
     * on both factors" formulation (arXiv:2512.22282 §1–2, as summarised in {@code nmf_family.md} §1.1,
     * READ-3P), so M = A and E = B. Fitted by least squares, i.e. Frobenius NMF of the row profiles, the
     * same criterion as {@link #LBA_LS}; EMMA's eigenspace-plus-rotation estimator is not reproduced.
     */
    EMA(false, false);

    private final boolean kullbackLeibler;
    private final boolean jointTable;

    LatentBudgetModel(boolean kullbackLeibler, boolean jointTable) {
        this.kullbackLeibler = kullbackLeibler;
        this.jointTable = jointTable;
    }

    /** @return the NMF loss this model's criterion reduces to */
    public NmfLoss loss() {
        return kullbackLeibler ? NmfLoss.KULLBACK_LEIBLER : NmfLoss.FROBENIUS;
    }

    /** @return whether NMF runs on the joint-probability table N/ΣN (PLSA, LCA) */
    public boolean usesJointTable() {
        return jointTable;
    }

    /** @return whether NMF runs on the counts N themselves (LBA_ML) */
    public boolean usesCounts() {
        return kullbackLeibler && !jointTable;
    }

    /** @return whether NMF runs on the row profiles D_r⁻¹N (LBA_LS, EMA) */
    public boolean usesRowProfiles() {
        return !kullbackLeibler;
    }
}
