/**
 * Factorizations for large sparse data (ratings): products U·H_1···H_{N−2}·Vᵀ with a hidden width k,
 * plus global mean and user/item biases, evaluated only on observed entries.
 */
package dev.tacit.model.factored;
