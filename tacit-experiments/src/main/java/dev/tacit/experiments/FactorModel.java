package dev.tacit.experiments;

import dev.tacit.model.nmf.LatentBudgetModel;
import java.util.Locale;

/**
 * The models of {@code tacit factor}: plain NMF (X ≈ W·H) and the latent-budget family, fitted as thin
 * adapters over the same NMF core ({@link dev.tacit.model.nmf.LatentBudgets}), whose W and H are the
 * row-stochastic mixing parameters A and latent budgets B.
 */
public enum FactorModel {
    /** X ≈ W·H, W, H ≥ 0. */
    NMF(null),
    /** Probabilistic latent semantic analysis (KL on the joint table). */
    PLSA(LatentBudgetModel.PLSA),
    /** Latent budget analysis, least squares on the row profiles (the review's code fits this one). */
    LBA(LatentBudgetModel.LBA_LS),
    /** Latent budget analysis, maximum likelihood. */
    LBA_ML(LatentBudgetModel.LBA_ML),
    /** End-member analysis. */
    EMA(LatentBudgetModel.EMA),
    /** Latent class analysis. */
    LCA(LatentBudgetModel.LCA);

    private final LatentBudgetModel latent;

    FactorModel(LatentBudgetModel latent) {
        this.latent = latent;
    }

    /** @return the latent-budget model, or null for {@link #NMF} */
    public LatentBudgetModel latentBudgetModel() {
        return latent;
    }

    /** @return the command-line name */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name command-line name (nmf, plsa, lba, lba-ml, ema, lca), case-insensitive
     * @return the model
     * @throws BadInputException naming the choices
     */
    public static FactorModel parse(String name) throws BadInputException {
        for (FactorModel m : values()) {
            if (m.cliName().equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new BadInputException("--model must be nmf, plsa, lba, lba-ml, ema or lca, got '" + name + "'");
    }
}
