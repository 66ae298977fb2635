package dev.tacit.cli;

import dev.tacit.experiments.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code tacit} command. */
@Command(name = "tacit", mixinStandardHelpOptions = true, version = "tacit 0.1.0",
        description = "Matrix factorization with implicit regularization.",
        subcommands = {DemoCommand.class, ListCommand.class, ReproduceCommand.class, CompleteCommand.class,
            PredictCommand.class, InpaintCommand.class, FactorCommand.class})
public final class Tacit implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (demo, list, reproduce, complete, predict, inpaint, factor)");
    }

    /**
     * Runs the command line and returns its exit code (0 success, 1 internal error, 2 bad input, 3 a
     * single run diverged).
     *
     * @param args arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        if (debug) {
            args = java.util.Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        }
        CommandLine cl = new CommandLine(new Tacit());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("tacit: " + ex.getMessage().split("\n")[0]);
            err.flush();
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException) {
                err.println("tacit: " + ex.getMessage());
                if (debug) {
                    ex.printStackTrace(err);
                }
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            err.println("tacit: internal error: " + ex + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // an Error escapes picocli's handler: one line, as for every other failure, not a JVM stack trace
            err.println("tacit: out of memory (" + e.getMessage() + "): the input, or the sizes it declares, need more"
                    + " than this JVM's " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; raise it with"
                    + " TACIT_JAVA_OPTS=-Xmx..." + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL;
        }
    }

    /** @param args command-line arguments */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
