package dev.tacit.linalg;

/** Whether an operand of a product is used as stored or transposed. */
public enum Transpose {
    /** Use the matrix as stored: op(A) = A. */
    NO,
    /** Use the transpose: op(A) = Aᵀ. */
    YES
}
