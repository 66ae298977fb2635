package dev.tacit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Jiang2023EarlyStopTest {

    private static final List<String> HEADER = List.of("kind", "seed", "alpha", "r", "min_distance",
            "argmin_iteration", "t90", "slope", "heuristic_slope", "refined_slope");

    @Test
    void quickRunWritesItsFilesAndPassesItsChecks(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("jiang");
        ExperimentReport report = new Jiang2023EarlyStop().run(ExperimentOptions.defaults(out, true), Progress.NONE);
        for (String f : List.of("results.csv", "history.csv", "report.html", "provenance.json",
                "staircase-alpha1e-02-seed0.png", "distance-alpha1e-06-seed0.png",
                "min-distance-vs-alpha-seed0.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(String.join(",", HEADER), Files.readAllLines(out.resolve("results.csv")).get(0));
        String hist = Files.readAllLines(out.resolve("history.csv")).get(0);
        assertTrue(hist.startsWith("seed,alpha,iteration,sigma_1,") && hist.endsWith("dist_r5,dist_r6"), hist);
        // 3 α × 6 ranks of minima + 6 slope rows
        assertEquals(3 * 6 + 6, report.rows().size());
        assertFalse(report.anyDiverged());
        assertTrue(report.checks().stream().filter(c -> !c.startsWith("INFO")).allMatch(c -> c.startsWith("PASS")),
                String.join("\n", report.checks()));
        assertEquals(6, report.checks().stream().filter(c -> c.startsWith("INFO") && c.contains("heuristic")).count());
        for (List<String> row : report.rows()) {
            if (row.get(0).equals("slope")) {
                double slope = Double.parseDouble(row.get(7));
                assertTrue(slope > 0, row.toString()); // the minimum shrinks as α shrinks
            }
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("PASS"));
    }

    @Test
    void designedTargetHasTheDesignedSpectrum() {
        Matrix x = Jiang2023EarlyStop.target(12, 3);
        double[] s = x.singularValues();
        double[] want = Jiang2023EarlyStop.spectrum(12);
        for (int i = 0; i < 12; i++) {
            assertEquals(want[i], s[i], 1e-12, "σ_" + (i + 1));
        }
        assertEquals(2 * (1 - 0.8), Jiang2023EarlyStop.heuristicSlope(1, 12), 1e-12);
        assertEquals(1.0, Jiang2023EarlyStop.heuristicSlope(6, 12), 1e-12);
        assertEquals(2 * 0.2 / 1.8, Jiang2023EarlyStop.refinedSlope(1, 12), 1e-12);
    }

    @Test
    void slopeOfAPowerLawIsItsExponent() {
        double[] a = {1e-2, 1e-4, 1e-6};
        double[] y = {3 * Math.pow(1e-2, 0.7), 3 * Math.pow(1e-4, 0.7), 3 * Math.pow(1e-6, 0.7)};
        assertEquals(0.7, Jiang2023EarlyStop.slope(a, y), 1e-12);
    }

    @Test
    void badOptionsAreRejectedBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path out = tmp.resolve("bad");
        ExperimentOptions d = ExperimentOptions.defaults(out, true);
        Jiang2023EarlyStop e = new Jiang2023EarlyStop();
        assertThrows(BadInputException.class, () -> e.run(new ExperimentOptions(out, true, null, 4, null, null, null,
                null, null, null, null, null, null, null), Progress.NONE));
        assertThrows(BadInputException.class, () -> e.run(new ExperimentOptions(out, true, null, null, null, null,
                null, null, List.of(1e-3), null, null, null, null, null), Progress.NONE));
        assertThrows(BadInputException.class, () -> e.run(new ExperimentOptions(out, true, null, null, null, null,
                null, null, List.of(1e-3, 2.0), null, null, null, null, null), Progress.NONE));
        assertThrows(BadInputException.class, () -> e.run(new ExperimentOptions(out, true, null, null, null, null,
                null, null, null, List.of(0.1, 0.2), null, null, null, null), Progress.NONE));
        assertThrows(BadInputException.class, () -> e.run(new ExperimentOptions(out, true, List.of(), null, null,
                null, null, null, null, null, null, null, null, null), Progress.NONE));
        assertFalse(Files.exists(out));
        assertEquals(d.out(), out);
    }
}
