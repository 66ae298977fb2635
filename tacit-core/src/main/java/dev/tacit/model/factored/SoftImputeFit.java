package dev.tacit.model.factored;

import dev.tacit.fit.FitResult;

/**
 * One point of a {@link SoftImputePath}: the Soft-Impute solution at one λ.
 *
 * @param lambda λ
 * @param model the fitted model (its own copy: later points of the path do not modify it)
 * @param result the Trainer's result for this λ (history, sweeps, stop reason; its parameterization is
 *     {@code model})
 */
public record SoftImputeFit(double lambda, FactoredProduct model, FitResult result) {
}
