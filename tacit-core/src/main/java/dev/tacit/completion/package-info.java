/**
 * Ratings completion as an estimator: fit a method ({@link dev.tacit.completion.CompletionMethod}) to a
 * {@link dev.tacit.data.ratings.Ratings} set, predict by original user/item ids, evaluate (RMSE, MAE,
 * k-fold and official splits) and save/load the fitted model. Every method is a parameterization plus
 * an update rule of the core, trained by the core's {@link dev.tacit.fit.Trainer}.
 */
package dev.tacit.completion;
