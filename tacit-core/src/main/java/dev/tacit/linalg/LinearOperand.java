package dev.tacit.linalg;

/**
 * A matrix that can appear in products with dense matrices without being stored densely: either a
 * dense {@link Matrix} or a {@link SparseMatrix}. Objectives return their gradient with respect to the
 * end-to-end matrix as a LinearOperand so that a completion gradient stays sparse.
 */
public sealed interface LinearOperand permits Matrix, SparseMatrix {

    /** @return number of rows */
    int rows();

    /** @return number of columns */
    int cols();

    /** {@code out = this·op(b)}. Modifies out only. */
    void times(Transpose tb, Matrix b, Matrix out);

    /** {@code out = op(a)·this}. Modifies out only. */
    void timesLeft(Transpose ta, Matrix a, Matrix out);

    /** Writes this into the dense {@code out} of the same shape (every entry). Modifies out only. */
    void copyInto(Matrix out);

    /** @return {@code ‖this‖²_F} */
    double frobeniusNormSquared();
}
