package dev.tacit.completion;

import java.util.Locale;

/** The completion methods, by their command-line names. */
public enum CompletionMethod {
    /**
     * Deep matrix factorization P·H_1···H_{N−2}·Qᵀ from small init, early-stopped (no explicit penalty), by default
     * with two-sided implicit feedback P = U + N·Y, Q = V + R·Z (SVD++-style, Koren 2008).
     */
    DMF,
    /**
     * U·diag(d)·Vᵀ with ‖U‖_F, ‖V‖_F ≤ α and d ≥ 0 (Hou, Sra, Yurtsever 2025), projected after every step,
     * from small init, early-stopped like {@link #DMF} (no explicit penalty).
     */
    UDV,
    /** Biased matrix factorization trained by SGD (Funk; Koren 2008), Surprise's "SVD". */
    MF,
    /** Alternating least squares with L2 (ALS-WR, Zhou et al. 2008), Spark ML's formulation. */
    ALS,
    /** SoftImpute (Mazumder, Hastie, Tibshirani 2010), rank-restricted ALS form, λ chosen on validation. */
    SOFTIMPUTE,
    /** μ + b_u + b_i with shrinkage (Koren 2010 §2.1), Surprise's BaselineOnly. */
    BIAS;

    /** @return the command-line name (lower case) */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a command-line name, case-insensitive
     * @return the method
     * @throws IllegalArgumentException naming the valid choices
     */
    public static CompletionMethod parse(String name) {
        for (CompletionMethod m : values()) {
            if (m.cliName().equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "' (choose dmf, udv, mf, als, softimpute or bias)");
    }
}
