package dev.tacit.experiments;

/** Receives progress of a long experiment (the CLI draws a bar; the library default ignores it). */
public interface Progress {

    /** A sink that ignores everything. */
    Progress NONE = new Progress() {
        @Override
        public void start(int totalRuns) {
        }

        @Override
        public void update(int completedRuns, String label, double fractionOfRun) {
        }

        @Override
        public void finish() {
        }
    };

    /** @param totalRuns number of runs in the grid */
    void start(int totalRuns);

    /**
     * @param completedRuns runs finished so far
     * @param label what is running now
     * @param fractionOfRun progress within the current run, in [0, 1]
     */
    void update(int completedRuns, String label, double fractionOfRun);

    /** The experiment is done. */
    void finish();
}
