package dev.tacit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hou2025NetworkTest {

    private static final List<String> HEADER = List.of("dataset", "network", "seed", "learning_rate", "val_metric",
            "test_accuracy", "test_rmse", "parameters", "rank_layer1", "rank_layer2", "params_layer1_at_rank",
            "params_layer2_at_rank", "params_at_ranks", "test_metric_both_truncated", "diverged", "seconds");

    /** Tiny options: two epochs, one learning rate. */
    private static ExperimentOptions tiny(Path out, Double radius) {
        return new ExperimentOptions(out, true, null, null, null, null, null, null, null, List.of(1e-2), 2L, null,
                null, null, radius);
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A small diabetes-like regression pair (the real one is never shipped). */
    private static Path fakeDiabetes(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            double a = i % 7;
            double b = (i * 13) % 11;
            x.append(a).append(' ').append(b).append(' ').append(i % 3).append('\n');
            y.append(3 * a - b + 100).append('\n');
        }
        gzip(dir.resolve("diabetes_data_raw.csv.gz"), x.toString());
        gzip(dir.resolve("diabetes_target.csv.gz"), y.toString());
        return dir;
    }

    @Test
    void tinyRunWritesEveryFile(@TempDir Path tmp) throws Exception {
        NetworkDatasets data = new NetworkDatasets(fakeDiabetes(tmp.resolve("data")), List.of());
        Path out = tmp.resolve("net");
        ExperimentReport report = new Hou2025Network(data).run(tiny(out, null), Progress.NONE);
        for (String f : List.of("results.csv", "history.csv", "truncation.csv", "singular_values.csv",
                "provenance.json", "report.html", "singular-values-digits.png", "truncation-digits.png",
                "singular-values-wine.png", "truncation-diabetes.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(HEADER, report.header());
        assertEquals(String.join(",", HEADER), Files.readAllLines(out.resolve("results.csv")).get(0));
        assertEquals(6, report.rows().size()); // 3 datasets x 2 networks
        List<String> digitsUdv = report.rows().get(0);
        assertEquals(List.of("digits", "udv", "0"), digitsUdv.subList(0, 3));
        assertTrue(Double.parseDouble(digitsUdv.get(5)) > 50, digitsUdv.toString()); // even 2 epochs learn something
        int rank1 = Integer.parseInt(digitsUdv.get(8));
        assertTrue(rank1 >= 0 && rank1 <= 64);
        // parameters at the ranks: r(in + out) + r + out for the UDV layer
        assertEquals(rank1 * (64 + 64) + rank1 + 64, Integer.parseInt(digitsUdv.get(10)));
        assertTrue(report.rows().stream().anyMatch(r -> r.get(0).equals("diabetes") && !r.get(6).isEmpty()));
        assertTrue(report.checks().stream().allMatch(c -> c.startsWith("PASS") || c.startsWith("FAIL")));
        assertTrue(report.checks().stream().anyMatch(c -> c.contains("digits: test accuracy")));
        // 64 + 1 truncation ranks (0..64) for layer 1 and 11 for layer 2 of each digits network
        long digitsCurve = Files.readAllLines(out.resolve("truncation.csv")).stream()
                .filter(l -> l.startsWith("digits,udv,0,")).count();
        assertEquals(65 + 11, digitsCurve);
        assertTrue(Files.readString(out.resolve("provenance.json")).contains("bundled digits.csv.gz"));

    }

    /** Small stand-ins for digits and wine (the right widths and classes, random values). */
    private static void fakeClassification(Path dir) throws IOException {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 64; j++) {
                d.append(rng.nextInt(17) + (j == i % 10 ? 20 : 0)).append(',');
            }
            d.append(i % 10).append('\n');
        }
        gzip(dir.resolve("digits.csv.gz"), d.toString());
        StringBuilder w = new StringBuilder("60,13,class_0,class_1,class_2\n");
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 13; j++) {
                w.append(rng.nextDouble() + (j == i % 3 ? 2 : 0)).append(',');
            }
            w.append(i % 3).append('\n');
        }
        Files.writeString(dir.resolve("wine_data.csv"), w.toString());
    }

    @Test
    void sameSeedSameResults(@TempDir Path tmp) throws Exception {
        Path dir = fakeDiabetes(tmp.resolve("data"));
        fakeClassification(dir);
        NetworkDatasets data = new NetworkDatasets(dir, List.of());
        ExperimentOptions o = new ExperimentOptions(tmp.resolve("a"), true, List.of(3L), null, null, null, null, null,
                null, List.of(1e-2, 3e-3), 2L, null, null, null, 0.5);
        ExperimentReport first = new Hou2025Network(data).run(o, Progress.NONE);
        ExperimentReport second = new Hou2025Network(data).run(o.withOut(tmp.resolve("b")), Progress.NONE);
        assertEquals(6, first.rows().size());
        for (int i = 0; i < first.rows().size(); i++) { // everything but the wall time is identical
            List<String> a = first.rows().get(i);
            List<String> b = second.rows().get(i);
            assertEquals(a.subList(0, a.size() - 1), b.subList(0, b.size() - 1));
        }
        for (String f : List.of("truncation.csv", "singular_values.csv", "history.csv")) {
            assertEquals(Files.readString(tmp.resolve("a").resolve(f)), Files.readString(tmp.resolve("b").resolve(f)));
        }
        assertTrue(Files.readString(tmp.resolve("a").resolve("provenance.json")).contains("\"radius\":0.5"));
    }

    @Test
    void bundledTablesHaveTheDocumentedShapes() throws Exception {
        List<NetworkDatasets.Dataset> data = new NetworkDatasets(null, List.of()).load();
        assertEquals(2, data.size()); // no diabetes without a folder
        assertEquals(1797, data.get(0).table().size());
        assertEquals(64, data.get(0).table().features().cols());
        assertEquals(10, data.get(0).table().classes());
        assertEquals(178, data.get(1).table().size());
        assertEquals(13, data.get(1).table().features().cols());
        assertEquals(3, data.get(1).table().classes());
    }

    private static void assertNothingWritten(Path tmp, Path out) throws IOException {
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.allMatch(p -> p.getFileName().toString().equals("data")), "only the input folder");
        }
    }

    @Test
    void invalidRadiusIsRejectedBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("bad");
        Hou2025Network e = new Hou2025Network(new NetworkDatasets(null, List.of()));
        for (double r : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            BadInputException ex = assertThrows(BadInputException.class, () -> e.run(tiny(out, r), Progress.NONE));
            assertTrue(ex.getMessage().contains("--radius"), ex.getMessage());
        }
        ExperimentOptions noSeeds = new ExperimentOptions(out, true, List.of(), null, null, null, null, null, null,
                null, null, null, null, null, null);
        assertTrue(assertThrows(BadInputException.class, () -> e.validate(noSeeds)).getMessage().contains("--seeds"));
        ExperimentOptions badLr = new ExperimentOptions(out, true, null, null, null, null, null, null, null,
                List.of(0.0), null, null, null, null, null);
        assertTrue(assertThrows(BadInputException.class, () -> e.validate(badLr)).getMessage().contains("--lr"));
        assertNothingWritten(tmp, out);
    }

    @Test
    void malformedDataNamesFileAndLineAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path out = tmp.resolve("out");
        NetworkDatasets sources = new NetworkDatasets(data, List.of());
        gzip(data.resolve("digits.csv.gz"), "1,2,3,0\n4,,6,1\n");
        BadInputException ex = assertThrows(BadInputException.class,
                () -> new Hou2025Network(sources).run(tiny(out, null), Progress.NONE));
        assertEquals("digits.csv.gz: line 2, column 2: empty cell (missing value)", ex.getMessage());
        Files.delete(data.resolve("digits.csv.gz"));

        String wine;
        try (InputStream in = NetworkDatasets.class.getResourceAsStream("wine_data.csv")) {
            wine = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = wine.split("\n");
        lines[2] = lines[2].substring(0, lines[2].lastIndexOf(',') + 1) + "7";
        Files.writeString(data.resolve("wine_data.csv"), String.join("\n", lines) + "\n");
        ex = assertThrows(BadInputException.class,
                () -> new Hou2025Network(sources).run(tiny(out, null), Progress.NONE));
        assertEquals("wine_data.csv: line 3, column 14: label '7' is not a class in 0..2", ex.getMessage());
        Files.delete(data.resolve("wine_data.csv"));

        fakeDiabetes(data);
        gzip(data.resolve("diabetes_target.csv.gz"), "1\n2\n");
        ex = assertThrows(BadInputException.class,
                () -> new Hou2025Network(sources).run(tiny(out, null), Progress.NONE));
        assertTrue(ex.getMessage().startsWith("diabetes_target.csv.gz: has 2 targets"), ex.getMessage());

        ex = assertThrows(BadInputException.class, () -> new Hou2025Network(new NetworkDatasets(tmp.resolve("none"),
                List.of())).run(tiny(out, null), Progress.NONE));
        assertTrue(ex.getMessage().contains("does not exist"), ex.getMessage());
        assertNothingWritten(tmp, out);
    }
}
