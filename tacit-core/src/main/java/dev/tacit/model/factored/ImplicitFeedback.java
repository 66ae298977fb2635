package dev.tacit.model.factored;

import java.util.Locale;

/**
 * Whether a {@link FactoredProduct}'s outer factors get implicit-feedback terms (SVD++, Koren, "Factorization
 * meets the neighborhood", KDD 2008, eq. 15: p_u + |N(u)|^{−1/2} Σ_{j∈N(u)} y_j), applied by
 * {@link ImplicitFeedbackRule}.
 */
public enum ImplicitFeedback {
    /** Plain factors: P = U, Q = V. */
    NONE("none"),
    /**
     * Both sides: P = U + N·Y (each user's row plus the normalized sum of the y_j of the items they rated) and
     * Q = V + R·Z (each item's row plus the normalized sum of the z_v of the users who rated it).
     */
    USERS_AND_ITEMS("both");

    private final String cliName;

    ImplicitFeedback(String cliName) {
        this.cliName = cliName;
    }

    /** @return the command-line name */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name a command-line name, case-insensitive
     * @return the value
     * @throws IllegalArgumentException naming the valid choices
     */
    public static ImplicitFeedback parse(String name) {
        for (ImplicitFeedback f : values()) {
            if (f.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("implicit feedback must be none or both, got '" + name + "'");
    }
}
