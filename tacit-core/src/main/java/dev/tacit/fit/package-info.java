/**
 * Training: the immutable {@link dev.tacit.fit.Trainer}, update rules, the returned
 * {@link dev.tacit.fit.FitResult} with its {@link dev.tacit.fit.History} and stop reason, and listeners.
 */
package dev.tacit.fit;
