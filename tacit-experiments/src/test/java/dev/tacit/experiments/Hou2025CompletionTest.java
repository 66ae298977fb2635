package dev.tacit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hou2025CompletionTest {

    private static final List<String> HEADER = List.of("method", "seed", "step_size", "init_scale", "converged",
            "numerical_rank", "test_error", "train_loss", "iterations", "sigma_1", "sigma_2", "sigma_3", "sigma_4",
            "sigma_5", "sigma4_over_sigma1");

    @Test
    void quickRunWritesResultsAndUduIsExactlyLowRankWhereItConverges(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("hou");
        // quick mode trimmed to its largest step (the fast cells): η = 1e-1, ξ ∈ {1e-2, 1e-6}
        ExperimentOptions o = new ExperimentOptions(out, true, null, null, null, null, null, null, null, List.of(1e-1),
                30_000L, null, null, null);
        ExperimentReport report = new Hou2025Completion().run(o, Progress.NONE);
        for (String f : List.of("results.csv", "radius.csv", "history.csv", "report.html", "provenance.json",
                "sigma-udu-seed0.png", "sigma-uu-seed0.png", "sigma-dmf-seed0.png", "grid-test-error-seed0.png",
                "grid-tail-seed0.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        assertEquals("method,seed,step_size,init_scale,iteration,sigma_1,sigma_2,sigma_3,sigma_4,sigma_5", history.get(0));
        assertTrue(history.size() > 3, "a traced run per method");
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(String.join(",", HEADER), lines.get(0));
        assertEquals(HEADER, report.header());
        assertEquals(3 * 2, report.rows().size()); // methods × η {1e-1} × ξ {1e-2, 1e-6}
        for (String method : List.of("udu", "uu", "dmf")) {
            assertEquals(2, report.rows().stream().filter(r -> r.get(0).equals(method)).count(), method);
        }
        for (List<String> r : report.rows()) {
            Integer.parseInt(r.get(5)); // numerical_rank is an integer
            assertTrue(r.get(4).equals("true") || r.get(4).equals("false"));
        }
        // wherever udu converged: numerical rank exactly 3 and a small test error
        for (List<String> r : report.rows()) {
            if (r.get(0).equals("udu") && r.get(4).equals("true")) {
                assertEquals(3, Integer.parseInt(r.get(5)), r.toString());
                assertTrue(Double.parseDouble(r.get(14)) <= 1e-8, r.toString());
                assertTrue(Double.parseDouble(r.get(6)) <= 1e-3, r.toString());
            }
        }
        // both udu cells converge, exactly rank 3 (trailing σ at machine precision)
        for (List<String> r : report.rows()) {
            if (r.get(0).equals("udu")) {
                assertEquals("true", r.get(4), r.toString());
                assertEquals(3, Integer.parseInt(r.get(5)), r.toString());
            }
        }
        assertTrue(report.checks().stream().allMatch(c -> c.startsWith("PASS") || c.startsWith("FAIL")
                || c.startsWith("INFO")));
        // with the gauge-covariant steps, exact rank 3 at every radius of the sweep (α = 1, 3, 10)
        assertTrue(report.checks().stream().anyMatch(c -> c.startsWith("PASS") && c.contains("radius over a factor"
                + " of 10.0000 with gauge steps")), report.checks().toString());
        List<String> radius = Files.readAllLines(out.resolve("radius.csv"));
        assertEquals(1 + 2 * 3, radius.size()); // uniform and gauge × α ∈ {1, 3, 10}
        for (String line : radius.subList(1, radius.size())) {
            String[] f = line.split(",");
            if (f[1].equals("gauge")) {
                assertEquals("true", f[5], line);
                assertEquals("3", f[6], line);
            }
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("step"));
    }

    @Test
    void badOptionsAreRejectedBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException, BadInputException {
        Path out = tmp.resolve("bad");
        Hou2025Completion e = new Hou2025Completion();
        List<ExperimentOptions> bad = List.of(
                new ExperimentOptions(out, true, null, 1, null, null, null, null, null, null, null, null, null, null),
                new ExperimentOptions(out, true, null, null, 11, null, null, null, null, null, null, null, null, null),
                new ExperimentOptions(out, true, null, null, null, List.of(0), null, null, null, null, null, null, null,
                        null),
                new ExperimentOptions(out, true, List.of(), null, null, null, null, null, null, null, null, null, null,
                        null),
                new ExperimentOptions(out, true, null, null, null, null, null, null, List.of(-1e-2), null, null, null,
                        null, null),
                new ExperimentOptions(out, true, null, null, null, null, null, null, null, List.of(0.0), null, null,
                        null, null),
                new ExperimentOptions(out, true, null, null, null, null, null, null, null, null, 0L, null, null, null),
                new ExperimentOptions(out, true, null, null, null, null, null, null, null, null, null, -1.0, null,
                        null),
                new ExperimentOptions(out, true, null, null, null, null, null, null, null, null, null, null, null,
                        null, 0.0),
                new ExperimentOptions(out, true, null, null, null, null, null, null, null, null, null, null, null,
                        null, -3.0));
        List<String> names = List.of("--n", "--rank", "--observations", "--seeds", "--init-scales", "--lr",
                "--max-iter", "--tol", "--radius", "--radius");
        for (int i = 0; i < bad.size(); i++) {
            ExperimentOptions o = bad.get(i);
            BadInputException ex = assertThrows(BadInputException.class, () -> e.run(o, Progress.NONE));
            assertTrue(ex.getMessage().contains(names.get(i)), ex.getMessage());
        }
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count());
        }
        e.validate(ExperimentOptions.defaults(out, true));
        assertEquals("hou2025-completion", e.id());
    }
}
