/**
 * The {@code tacit} command line (picocli): {@code demo}, {@code list}, {@code reproduce}, {@code complete},
 * {@code predict}, {@code inpaint}, {@code factor}.
 */
package dev.tacit.cli;
