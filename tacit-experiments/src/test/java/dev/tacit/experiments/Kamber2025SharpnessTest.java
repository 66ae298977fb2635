package dev.tacit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Kamber2025SharpnessTest {

    @Test
    void quickRunWritesResultsAndPassesEveryCheck(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("k");
        ExperimentReport report = new Kamber2025Sharpness().run(ExperimentOptions.defaults(out, true), Progress.NONE);
        for (String f : List.of("results.csv", "history.csv", "report.html", "provenance.json",
                "measured-vs-exact.png", "escape-distance.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(String.join(",", Kamber2025Sharpness.HEADER), Files.readAllLines(out.resolve("results.csv")).get(0));
        assertTrue(report.checks().stream().allMatch(c -> c.startsWith("PASS")), String.join("\n", report.checks()));
        assertFalse(report.anyDiverged());
        List<List<String>> sharp = report.rows().stream().filter(r -> r.get(0).equals("sharpness")).toList();
        List<List<String>> esc = report.rows().stream().filter(r -> r.get(0).equals("escape")).toList();
        assertEquals(3 * 4 + 1, sharp.size()); // depths 2..4 × 4 kinds + the counterexample
        assertEquals(3 * 2 + 2 + 2, esc.size());
        for (List<String> r : sharp) {
            assertTrue(Double.parseDouble(r.get(6)) <= 1e-6, r.toString());
            if (r.get(3).equals("counterexample")) {
                assertEquals(16.0, Double.parseDouble(r.get(4)), 1e-8);
            }
        }
        long escaped = esc.stream().filter(r -> r.get(17).equals("true")).count();
        assertEquals(5, escaped); // one per ∓ pair (3 depths + scalar) and the counterexample
        assertTrue(Files.readString(out.resolve("report.html")).contains("PASS"));
    }

    @Test
    void badOptionsAreRejected(@TempDir Path tmp) {
        Kamber2025Sharpness e = new Kamber2025Sharpness();
        ExperimentOptions base = ExperimentOptions.defaults(tmp.resolve("x"), true);
        assertThrows(BadInputException.class, () -> e.validate(new ExperimentOptions(base.out(), true, null, 1, null,
                null, null, null, null, null, null, null, null, null)));
        assertThrows(BadInputException.class, () -> e.validate(new ExperimentOptions(base.out(), true, null, null,
                null, null, List.of(1), null, null, null, null, null, null, null)));
        assertThrows(BadInputException.class, () -> e.validate(new ExperimentOptions(base.out(), true, null, null,
                null, null, null, null, null, List.of(-1.0), null, null, null, null)));
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
