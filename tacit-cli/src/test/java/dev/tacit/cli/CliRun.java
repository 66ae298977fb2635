package dev.tacit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the {@code tacit} command for the CLI tests: exit code, standard output and error.
 *
 * @param code the exit code
 * @param out what was printed on standard output
 * @param err what was printed on standard error
 */
record CliRun(int code, String out, String err) {

    /** @param args the command line @return the run's exit code and output */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Tacit.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
