/**
 * Parameterizations: how factors build the end-to-end matrix W and how a gradient with respect to W is
 * pushed back to the factors. One sub-package per family: {@code model.deep} (deep products), {@code model.factored} (sparse ratings
 * factorizations), {@code model.udv} (constrained U·diag(d)·Vᵀ) and {@code model.nmf} (nonnegative).
 */
package dev.tacit.model;
