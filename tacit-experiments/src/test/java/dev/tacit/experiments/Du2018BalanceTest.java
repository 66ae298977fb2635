package dev.tacit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Du2018BalanceTest {

    private static final List<String> HEADER = List.of("part", "seed", "depth", "lr", "init", "schedule",
            "iterations", "final_loss", "drift", "identity_rel_error", "gap_initial", "gap_final", "gap_max");

    @Test
    void quickRunWritesResultsAndPassesItsChecks(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("du");
        ExperimentReport report = new Du2018Balance().run(ExperimentOptions.defaults(out, true), Progress.NONE);
        for (String f : List.of("results.csv", "history.csv", "report.html", "provenance.json",
                "drift-vs-lr-seed0.png", "gap-seed0.png", "mf-loss-seed0.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(String.join(",", HEADER), lines.get(0));
        assertEquals(HEADER, report.header());
        // part (a): depths 2, 3 × η 1e-3, 1e-2; part (b): 2 inits × 2 schedules
        assertEquals(4 + 4, report.rows().size());
        List<List<String>> partA = report.rows().stream().filter(r -> r.get(0).equals("a")).toList();
        List<List<String>> partB = report.rows().stream().filter(r -> r.get(0).equals("b")).toList();
        assertEquals(4, partA.size());
        assertEquals(4, partB.size());
        for (int depth : List.of(2, 3)) {
            List<Du2018Balance.DriftRun> runs = new ArrayList<>();
            for (List<String> r : partA) {
                if (Integer.parseInt(r.get(2)) == depth) {
                    double lr = Double.parseDouble(r.get(3));
                    double drift = Double.parseDouble(r.get(8));
                    double id = Double.parseDouble(r.get(9));
                    assertEquals(Math.round(Du2018Balance.QUICK_HORIZON / lr), Long.parseLong(r.get(6)));
                    assertTrue(drift > 0 && drift < 1, "drift " + drift);
                    assertTrue(id <= 1e-8, "identity error " + id + " at lr " + lr);
                    runs.add(new Du2018Balance.DriftRun(0, depth, lr, 0, 0, drift, id, null, null, null));
                }
            }
            double slope = Du2018Balance.slope(runs, 0, depth);
            assertTrue(slope >= 0.7 && slope <= 1.3, "depth " + depth + " slope " + slope);
        }
        for (List<String> r : partB) {
            double gap0 = Double.parseDouble(r.get(10));
            double gapMax = Double.parseDouble(r.get(12));
            assertTrue(Double.isFinite(Double.parseDouble(r.get(7))));
            assertTrue(gapMax >= Math.abs(gap0) && gapMax <= 1.1 * Math.abs(gap0) + 2.0, r.toString());
        }
        assertFalse(report.anyDiverged());
        assertTrue(report.checks().stream().anyMatch(c -> c.contains("identity")));
        assertTrue(report.checks().stream().filter(c -> c.contains("identity") || c.contains("slope"))
                .allMatch(c -> c.startsWith("PASS")), String.join("\n", report.checks()));
        assertTrue(Files.readString(out.resolve("report.html")).contains("PASS"));
    }

    @Test
    void identityHoldsToMachinePrecisionAtTheIssuesStepSize() {
        dev.tacit.linalg.Matrix target = dev.tacit.data.LowRankGenerator.generate(20, 20, 3,
                new java.util.SplittableRandom(1));
        target.scale(1.0 / target.singularValues()[0]);
        for (int depth : List.of(2, 4)) {
            double err = Du2018Balance.identityError(target, depth, 1e-3, 7);
            assertTrue(err <= 1e-8, "depth " + depth + ": " + err);
        }
    }

    @Test
    void badOptionsAreRejectedBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException, BadInputException {
        Path out = tmp.resolve("bad");
        Du2018Balance e = new Du2018Balance();
        ExperimentOptions q = ExperimentOptions.defaults(out, true);
        List<ExperimentOptions> bad = List.of(
                new ExperimentOptions(out, true, null, null, null, null, List.of(1), null, null, null, null, null, null,
                        null),
                new ExperimentOptions(out, true, null, null, null, null, null, null, null, List.of(1e-3), null, null,
                        null, null),
                new ExperimentOptions(out, true, null, null, null, null, null, null, null, List.of(1e-3, 0.5), null,
                        null, null, null),
                new ExperimentOptions(out, true, null, null, null, null, null, null, null, List.of(-1e-3, 1e-2), null,
                        null, null, null),
                new ExperimentOptions(out, true, null, 1, null, null, null, null, null, null, null, null, null, null),
                new ExperimentOptions(out, true, null, 10, 11, null, null, null, null, null, null, null, null, null),
                new ExperimentOptions(out, true, List.of(), null, null, null, null, null, null, null, null, null, null,
                        null),
                new ExperimentOptions(out, true, null, null, null, null, null, null, null, null, 0L, null, null, null));
        List<String> names = List.of("--depths", "--lr", "--lr", "--lr", "--n", "--rank", "--seeds", "--max-iter");
        for (int i = 0; i < bad.size(); i++) {
            ExperimentOptions o = bad.get(i);
            BadInputException ex = assertThrows(BadInputException.class, () -> e.run(o, Progress.NONE));
            assertTrue(ex.getMessage().contains(names.get(i)), ex.getMessage());
        }
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count());
        }
        e.validate(q);
    }
}
