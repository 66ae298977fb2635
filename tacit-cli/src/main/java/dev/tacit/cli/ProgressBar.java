package dev.tacit.cli;

import dev.tacit.experiments.Progress;
import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal and the run has lasted more
 * than a couple of seconds; otherwise silent.
 */
final class ProgressBar implements Progress {

    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean enabled;
    private long start;
    private int total;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static ProgressBar forTerminal(PrintStream err) {
        return new ProgressBar(err, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    @Override
    public void start(int totalRuns) {
        this.total = Math.max(1, totalRuns);
        this.start = System.nanoTime();
    }

    @Override
    public synchronized void update(int completedRuns, String label, double fractionOfRun) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER_NANOS || now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double f = Math.min(1.0, (completedRuns + fractionOfRun) / total);
        int filled = (int) Math.round(f * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        long secs = (now - start) / 1_000_000_000L;
        String line = String.format("\r[%s] %3.0f%%  run %d/%d  %ds  %s", bar, 100 * f,
                Math.min(completedRuns + 1, total), total, secs, label);
        err.print(line.length() > 110 ? line.substring(0, 110) : String.format("%-110s", line));
        err.flush();
        drawn = true;
    }

    @Override
    public synchronized void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(110) + "\r");
            err.flush();
        }
    }
}
