package dev.tacit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tacit factor --model nmf} end to end: outputs, labels, the time-budget table, bad input. */
class FactorCommandTest {

    private static final Path TIME_BUDGET = Path.of("..", "data", "time_budget.csv");

    @TempDir
    Path tmp;

    private Path planted;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A planted rank-3 nonnegative 20×12 table with row labels g1..g20 and column labels act_1..act_12. */
    @BeforeEach
    void writePlanted() throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] w = new double[20][3];
        double[][] h = new double[3][12];
        for (double[] row : w) {
            for (int c = 0; c < 3; c++) {
                row[c] = rng.nextDouble();
            }
        }
        for (double[] row : h) {
            for (int j = 0; j < 12; j++) {
                row[j] = rng.nextDouble() * 10;
            }
        }
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("group");
        for (int j = 1; j <= 12; j++) {
            header.append(",act_").append(j);
        }
        lines.add(header.toString());
        for (int i = 0; i < 20; i++) {
            StringBuilder b = new StringBuilder("g" + (i + 1));
            for (int j = 0; j < 12; j++) {
                double v = 0;
                for (int c = 0; c < 3; c++) {
                    v += w[i][c] * h[c][j];
                }
                b.append(',').append(v);
            }
            lines.add(b.toString());
        }
        planted = Files.write(tmp.resolve("planted.csv"), lines);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([^,}]+)").matcher(json);
        assertTrue(m.find(), key + " missing: " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void plantedTableWritesLabelledFactorsMetricsHistoryAndPlots() throws Exception {
        Path out = tmp.resolve("out");
        CliRun r = run("factor", "--model", "nmf", "--input", planted.toString(), "--rank", "3", "--max-iter", "500",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rel_error"), r.out());
        List<String> w = Files.readAllLines(out.resolve("W.csv"));
        assertEquals("row,component_1,component_2,component_3", w.get(0));
        assertEquals(21, w.size());
        assertTrue(w.get(1).startsWith("g1,") && w.get(20).startsWith("g20,"), w.get(1));
        List<String> h = Files.readAllLines(out.resolve("H.csv"));
        assertTrue(h.get(0).startsWith("component,act_1,act_2,") && h.get(0).endsWith(",act_12"), h.get(0));
        assertEquals(4, h.size());
        assertTrue(h.get(3).startsWith("component_3,"));
        String metrics = Files.readString(out.resolve("metrics.json"));
        for (String key : List.of("seconds", "iterations", "objective", "rel_error", "converged", "n_rows", "n_cols",
                "rank", "config", "model", "solver", "loss", "init", "max_iter", "tol", "seed", "input",
                "provenance")) {
            assertTrue(metrics.contains("\"" + key + "\":"), key + " missing: " + metrics);
        }
        assertEquals(20, number(metrics, "n_rows"));
        assertEquals(12, number(metrics, "n_cols"));
        assertTrue(metrics.contains("\"solver\":\"hals\""), metrics);
        assertTrue(number(metrics, "rel_error") < 0.05, metrics);
        long iterations = (long) number(metrics, "iterations");
        boolean converged = metrics.contains("\"converged\":true");
        assertTrue(converged || metrics.contains("\"converged\":false"), metrics);
        assertEquals(converged, iterations < 500, metrics); // converged ⇔ stopped before max-iter
        assertEquals(iterations + 2, Files.readAllLines(out.resolve("history.csv")).size());
        assertTrue(Files.size(out.resolve("objective.png")) > 1000);
        assertTrue(Files.size(out.resolve("W.png")) > 1000);

        Path mu = tmp.resolve("mu");
        CliRun k = run("factor", "--input", planted.toString(), "--rank", "2", "--loss", "kl", "--max-iter", "5",
                "--tol", "0", "--init", "random", "--seed", "3", "--out", mu.toString());
        assertEquals(0, k.code(), k.err());
        String m2 = Files.readString(mu.resolve("metrics.json"));
        assertTrue(m2.contains("\"solver\":\"mu\"") && m2.contains("\"loss\":\"kl\"") && m2.contains("\"converged\":false"),
                m2);
        assertEquals(5, number(m2, "iterations"));
    }

    @Test
    void latentBudgetModelsGiveRowStochasticFactorsAndTheRangeAnalysis() throws Exception {
        for (String model : List.of("plsa", "lba", "lba-ml", "ema", "lca")) {
            Path out = tmp.resolve("tb-" + model);
            CliRun r = run("factor", "--model", model, "--input", TIME_BUDGET.toString(), "--rank", "3",
                    "--drop-columns", "sex,age_group,year", "--identifiability", "--out", out.toString());
            assertEquals(0, r.code(), model + ": " + r.err());
            for (String file : List.of("W.csv", "H.csv")) {
                for (String line : Files.readAllLines(out.resolve(file)).subList(1, 4)) {
                    double sum = 0;
                    String[] cells = line.split(",");
                    for (int c = 1; c < cells.length; c++) {
                        sum += Double.parseDouble(cells[c]);
                    }
                    assertEquals(1.0, sum, 1e-6, model + " " + file + " rows sum to 1: " + line);
                }
            }
            String id = Files.readString(out.resolve("identifiability.json"));
            assertTrue(id.contains("\"verdict\":\"unique\"") || id.contains("\"verdict\":\"not_unique\""), id);
            double inner = number(id, "inner_distance");
            double outer = number(id, "outer_distance");
            double fitted = number(id, "fitted_distance");
            assertTrue(inner <= fitted + 1e-9 && fitted <= outer + 1e-9, id);
            assertTrue(Files.exists(out.resolve("H_inner.csv")) && Files.exists(out.resolve("H_outer.csv"))
                    && Files.exists(out.resolve("H_minvol.csv")));
            assertTrue(Double.isFinite(number(id, "minvol_log_volume")), id);
            assertTrue(number(id, "minmax_volume_gap") >= -1e-6, id);
            assertTrue(Files.readString(out.resolve("metrics.json")).contains("\"model\":\"" + model + "\""));
        }
    }

    @Test
    void minimumVolumeSolverKeepsRowsOfWOnTheSimplex() throws Exception {
        Path out = tmp.resolve("minvol");
        CliRun r = run("factor", "--model", "nmf", "--input", planted.toString(), "--rank", "3", "--solver", "minvol",
                "--volume-lambda", "0.01", "--max-iter", "300", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertTrue(metrics.contains("\"solver\":\"minvol\"") && metrics.contains("\"init\":\"spa\""), metrics);
        assertTrue(number(metrics, "volume_weight") > 0 && Double.isFinite(number(metrics, "log_volume")), metrics);
        List<String> w = Files.readAllLines(out.resolve("W.csv"));
        for (String line : w.subList(1, w.size())) {
            String[] cells = line.split(",");
            double s = 0;
            for (int c = 1; c < cells.length; c++) {
                s += Double.parseDouble(cells[c]);
            }
            assertEquals(1.0, s, 1e-9, line);
        }
    }

    @Test
    void identifiabilityOfAnNmfWithAZeroRowSkipsOnlyTheVolumeFits() throws Exception {
        Path in = write("zero-row.csv", "g,a,b,c,d\nr1,1,2,0,4\nr2,0,0,0,0\nr3,4,1,3,0\nr4,2,2,2,2\nr5,0,3,1,1\n");
        Path out = tmp.resolve("zero-row");
        CliRun r = run("factor", "--model", "nmf", "--input", in.toString(), "--rank", "2", "--identifiability", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("H_inner.csv")) && !Files.exists(out.resolve("H_minvol.csv")));
        assertFalse(Files.readString(out.resolve("identifiability.json")).contains("minvol_log_volume"));
    }

    @Test
    void qi2025TimeBudgetExperimentFitsEveryModelWithItsRange() throws Exception {
        Path out = tmp.resolve("qi");
        CliRun r = run("reproduce", "qi2025-timebudget", "--quick", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(9, results.size(), String.join("\n", results));
        for (String model : List.of("nmf,", "plsa,", "lba,", "lba-ml,", "ema,", "lca,", "minvol-nmf,", "maxvol-nmf,")) {
            assertTrue(results.stream().anyMatch(l -> l.startsWith(model)), model);
        }
        assertTrue(Files.readAllLines(out.resolve("budgets.csv")).size() > 6 * 3 * 3);
        assertTrue(Files.readString(out.resolve("report.html")).contains("<img"));
        assertTrue(r.out().contains("PASS") && !r.out().contains("FAIL"), r.out());
        assertEquals(2, run("reproduce", "qi2025-timebudget", "--rank", "5", "--out", tmp.resolve("x").toString()).code());
    }

    @Test
    void timeBudgetTableWithDroppedMetadataColumns() throws Exception {
        Path out = tmp.resolve("tb");
        CliRun r = run("factor", "--model", "nmf", "--input", TIME_BUDGET.toString(), "--rank", "3",
                "--drop-columns", "sex,age_group,year", "--tol", "1e-6", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertEquals(30, number(metrics, "n_rows"));
        assertEquals(18, number(metrics, "n_cols"));
        assertTrue(number(metrics, "rel_error") < 0.1, metrics);
        assertTrue(Files.readAllLines(out.resolve("W.csv")).get(1).startsWith("M1275,"));
        assertTrue(Files.readAllLines(out.resolve("H.csv")).get(0).startsWith("component,paidwork,dom.work,"));
    }

    private void assertBadInput(String expected, String... args) throws Exception {
        Path out = tmp.resolve("bad");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        CliRun r = run(all.toArray(String[]::new));
        assertEquals(2, r.code(), String.join(" ", all) + ": " + r.err() + r.out());
        assertTrue(r.err().startsWith("tacit: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in " + r.err());
        assertFalse(Files.exists(out), "output written for " + all);
        try (var siblings = Files.list(tmp)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("staging")));
        }
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
        String in = "--input";
        assertBadInput("neg.csv: line 3, column 'y': '-1' is negative: NMF needs nonnegative entries", "factor", in, write("neg.csv", "n,x,y\na,1,2\nb,3,-1\n").toString(),
                "--rank", "1");
        assertBadInput("line 3, column 'x': 'NaN' is not a finite number", "factor", in,
                write("nan.csv", "n,x,y\na,1,2\nb,NaN,1\n").toString(), "--rank", "1");
        assertBadInput("line 2, column 'y': 'abc' is not a number", "factor", in,
                write("text.csv", "n,x,y\na,1,abc\n").toString(), "--rank", "1");
        assertBadInput("line 3 has 2 cells, the header has 3", "factor", in,
                write("ragged.csv", "n,x,y\na,1,2\nb,3\n").toString(), "--rank", "1");
        assertBadInput("--rank must be in [1, min(rows, cols)] = [1, 12]", "factor", in, planted.toString(),
                "--rank", "0");
        assertBadInput("got 13", "factor", in, planted.toString(), "--rank", "13");
        assertBadInput("empty.csv: is empty", "factor", in, write("empty.csv", "").toString(), "--rank", "1");
        assertBadInput("missing.csv: file not found", "factor", in, tmp.resolve("missing.csv").toString(), "--rank", "1");
        assertBadInput("--model must be nmf, plsa, lba, lba-ml, ema or lca", "factor", "--model", "svd", in,
                planted.toString(), "--rank", "2");
        Path zeroRow = write("zero.csv", "a,b,c\n1,2,3\n0,0,0\n4,5,6\n");
        assertBadInput("no profile to fit", "factor", "--model", "plsa", in, zeroRow.toString(), "--rank", "2");
        assertBadInput("no column 'age' to drop", "factor", in, planted.toString(), "--rank", "2", "--drop-columns", "age");
        assertBadInput("--solver hals handles only --loss frobenius", "factor", in, planted.toString(), "--rank", "2",
                "--loss", "is", "--solver", "hals");
        assertBadInput("--solver must be hals, mu, minvol or maxvol", "factor", in, planted.toString(), "--rank", "2", "--solver",
                "x");
        assertBadInput("--solver minvol handles only --loss frobenius", "factor", in, planted.toString(), "--rank", "2",
                "--loss", "kl", "--solver", "minvol");
        assertBadInput("--volume-lambda: ", "factor", in, planted.toString(), "--rank", "2", "--solver", "minvol",
                "--volume-lambda", "-1");
        assertBadInput("--volume-delta: ", "factor", in, planted.toString(), "--rank", "2", "--solver", "minvol",
                "--volume-delta", "0");
        assertBadInput("Missing required option", "factor", in, planted.toString());
    }
}
