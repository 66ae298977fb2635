/** Benchmarks (run by bench/ scripts, never by the test suite). */
package dev.tacit.bench;
