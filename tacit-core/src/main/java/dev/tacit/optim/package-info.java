/**
 * Optimizers for gradient update rules. Lifecycle (as in every implementation): {@code init} with the
 * parameter shapes, many {@code step}s, {@code reset} to forget state; {@code copy} gives the same
 * settings with fresh state. Settings never change after construction.
 */
package dev.tacit.optim;
