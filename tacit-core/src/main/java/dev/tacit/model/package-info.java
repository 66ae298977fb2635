/**
 * Parameterizations: how factors build the end-to-end matrix W and how a gradient with respect to W is
 * pushed back to the factors. One sub-package per family ({@code model.deep} for deep products).
 */
package dev.tacit.model;
