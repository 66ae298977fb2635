/**
 * Objectives: a value and its gradient with respect to the end-to-end matrix W, with the exact formula
 * (and every constant) in each class's Javadoc.
 */
package dev.tacit.objective;
