package dev.tacit.cli;

import dev.tacit.experiments.ExperimentReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints the main columns of an experiment's results as an aligned text table. */
final class ResultsTable {

    private static final List<String> COLUMNS = List.of("dataset", "network", "method", "model", "depth", "observations", "init_scale", "lr",
            "seed", "iterations", "train_loss", "rel_error", "test_error", "effective_rank", "nuclear_norm",
            "inner_distance", "outer_distance", "verdict", "learning_rate", "test_accuracy", "test_rmse", "rank_layer1",
            "rank_layer2", "params_at_ranks", "stop_reason", "seconds");

    private ResultsTable() {
    }

    static void print(ExperimentReport report, PrintStream out) {
        List<Integer> idx = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String c : COLUMNS) {
            int i = report.header().indexOf(c);
            if (i >= 0) {
                idx.add(i);
                names.add(c);
            }
        }
        int[] width = new int[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            width[k] = names.get(k).length();
            for (List<String> row : report.rows()) {
                width[k] = Math.max(width[k], row.get(idx.get(k)).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < idx.size(); k++) {
            sb.append(String.format("%-" + (width[k] + 2) + "s", names.get(k)));
        }
        out.println(sb.toString().stripTrailing());
        for (List<String> row : report.rows()) {
            sb.setLength(0);
            for (int k = 0; k < idx.size(); k++) {
                sb.append(String.format("%-" + (width[k] + 2) + "s", row.get(idx.get(k))));
            }
            out.println(sb.toString().stripTrailing());
        }
        if (!report.checks().isEmpty()) {
            out.println();
            for (String c : report.checks()) {
                out.println(c);
            }
        }
        out.println();
        out.println("wrote " + report.out().resolve("results.csv")
                + (java.nio.file.Files.exists(report.out().resolve("history.csv")) ? ", history.csv" : "")
                + ", provenance.json, plots and " + report.out().resolve("report.html"));
    }
}
