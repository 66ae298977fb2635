/** The {@code tacit} command line (picocli): {@code demo}, {@code list}, {@code reproduce}. */
package dev.tacit.cli;
