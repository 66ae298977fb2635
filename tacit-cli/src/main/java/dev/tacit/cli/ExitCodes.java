package dev.tacit.cli;

/** Exit codes of the {@code tacit} command. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** Internal error. */
    static final int INTERNAL = 1;
    /** Bad input or usage. */
    static final int BAD_INPUT = 2;
    /** A single run diverged (in a grid, a diverged cell is a result row, not a failure). */
    static final int DIVERGED = 3;

    private ExitCodes() {
    }
}
