package dev.tacit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Razin2020NormsTest {

    private static final List<String> REQUIRED = List.of("depth", "seed", "train_loss", "iterations", "w11_abs",
            "frobenius_norm", "nuclear_norm", "effective_rank");

    @Test
    void quickRunReproducesTheReferenceNumbers(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Razin2020Norms e = new Razin2020Norms();
        ExperimentReport report = e.run(ExperimentOptions.defaults(out, true), Progress.NONE);
        for (String f : List.of("results.csv", "runs.csv", "history.csv", "provenance.json", "report.html",
                "w11-vs-loss.png", "frobenius-vs-loss.png", "nuclear-vs-loss.png", "erank-vs-loss.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertTrue(header.containsAll(REQUIRED), header.toString());
        // depth -> (threshold -> w11); every run reaches 1e-4, so 4 rows per depth
        Map<Integer, Map<Double, Double>> w11 = new TreeMap<>();
        Map<Integer, Map<Double, Double>> erank = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            int depth = Integer.parseInt(c[header.indexOf("depth")]);
            double threshold = Double.parseDouble(c[header.indexOf("threshold")]);
            double loss = Double.parseDouble(c[header.indexOf("train_loss")]);
            assertTrue(loss < threshold);
            assertEquals("0", c[header.indexOf("seed")]);
            w11.computeIfAbsent(depth, k -> new TreeMap<>()).put(threshold,
                    Double.parseDouble(c[header.indexOf("w11_abs")]));
            erank.computeIfAbsent(depth, k -> new TreeMap<>()).put(threshold,
                    Double.parseDouble(c[header.indexOf("effective_rank")]));
        }
        assertEquals(List.of(2, 3), new ArrayList<>(w11.keySet()));
        for (int d : List.of(2, 3)) {
            assertEquals(4, w11.get(d).size(), "depth " + d + " rows " + w11.get(d));
        }
        double d3at3 = w11.get(3).get(1e-3);
        double d3at4 = w11.get(3).get(1e-4);
        assertTrue(d3at3 >= 10 && d3at3 <= 40, "depth 3 |W11| at 1e-3 = " + d3at3);
        assertTrue(d3at4 > d3at3, "depth 3 |W11| at 1e-4 = " + d3at4);
        assertTrue(erank.get(3).get(1e-4) < 1.01);
        assertTrue(w11.get(2).get(1e-4) <= 1.5 * w11.get(2).get(1e-3), "depth 2 plateau " + w11.get(2));
        assertFalse(report.checks().isEmpty());
        for (String check : report.checks()) {
            assertTrue(check.startsWith("PASS"), check);
        }
        assertEquals(w11.values().stream().mapToInt(Map::size).sum(), report.rows().size());
    }

    @Test
    void fastLoopMatchesTheCoreEngine() throws Exception {
        Razin2020Norms.RunResult r = Razin2020Norms.train(3, 7, 8e-3, 3e-3, 10, 1e-4, null, f -> { });
        assertTrue(r.crossCheck() < 1e-9, "cross-check " + r.crossCheck());
        assertTrue(r.finalDet() > 0);
        assertEquals(10, r.iterations());
    }

    @Test
    void closedFormSpectrum() {
        double[] m = Razin2020Norms.metrics(new double[] {3, 0, 0, -4});
        assertEquals(3, m[0], 1e-12);
        assertEquals(5, m[1], 1e-12);
        assertEquals(7, m[2], 1e-12);
        assertEquals(-12, m[5], 1e-12);
        double[] rank1 = Razin2020Norms.metrics(new double[] {1, 2, 2, 4});
        assertEquals(1.0, rank1[3], 1e-6);
        assertEquals(5.0, rank1[2], 1e-12);
    }

    @Test
    void badOptionsAreRejectedAndWriteNothing(@TempDir Path dir) {
        Path out = dir.resolve("out");
        ExperimentOptions base = ExperimentOptions.defaults(out, true);
        List<UnaryOperator<ExperimentOptions>> bad = List.of(
                o -> with(o, List.of(1), null, null, null, null),
                o -> with(o, List.of(), null, null, null, null),
                o -> with(o, null, List.of(-1.0), null, null, null),
                o -> with(o, null, List.of(0.1, 0.2, 0.3), null, null, null),
                o -> with(o, null, null, List.of(0.0), null, null),
                o -> with(o, null, null, List.of(Double.NaN), null, null),
                o -> with(o, null, null, null, 0L, null),
                o -> with(o, null, null, null, null, -1.0));
        List<String> names = List.of("--depths", "--depths", "--init-scales", "--init-scales", "--lr", "--lr",
                "--max-iter", "--tol");
        for (int i = 0; i < bad.size(); i++) {
            ExperimentOptions o = bad.get(i).apply(base);
            BadInputException ex = assertThrows(BadInputException.class,
                    () -> new Razin2020Norms().run(o, Progress.NONE));
            assertTrue(ex.getMessage().contains(names.get(i)), ex.getMessage());
        }
        assertFalse(Files.exists(out));
        assertNotNull(new Razin2020Norms().title());
    }

    private static ExperimentOptions with(ExperimentOptions o, List<Integer> depths, List<Double> init,
                                          List<Double> lr, Long maxIter, Double tol) {
        return new ExperimentOptions(o.out(), o.quick(), o.seeds(), o.n(), o.rank(), o.observations(), depths,
                o.methods(), init, lr, maxIter, tol, o.logEvery(), o.optimizer());
    }
}
