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

/** {@code tacit factor} on a sparse Matrix Market file: agreement with the dense fit, outputs, bad input. */
class FactorSparseCommandTest {

    private static final String BANNER = "%%MatrixMarket matrix coordinate real general";
    private static final int ROWS = 20;
    private static final int COLS = 12;

    @TempDir
    Path tmp;

    private Path mtx;
    private Path csv;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([^,}]+)").matcher(json);
        assertTrue(m.find(), key + " missing: " + json);
        return Double.parseDouble(m.group(1));
    }

    /** A rank-3 nonnegative 20×12 matrix with about 40% of its entries set to 0, as .mtx and as a dense CSV. */
    @BeforeEach
    void writeMatrix() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        double[][] x = new double[ROWS][COLS];
        double[][] w = new double[ROWS][3];
        double[][] h = new double[3][COLS];
        for (double[] row : w) {
            for (int c = 0; c < 3; c++) {
                row[c] = rng.nextDouble();
            }
        }
        for (double[] row : h) {
            for (int j = 0; j < COLS; j++) {
                row[j] = rng.nextDouble() * 5;
            }
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                if (rng.nextDouble() < 0.4) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    x[i][j] += w[i][c] * h[c][j];
                }
                entries.add((i + 1) + " " + (j + 1) + " " + x[i][j]);
            }
        }
        java.util.Collections.shuffle(entries, new java.util.Random(3)); // any order is fine
        List<String> lines = new ArrayList<>(List.of(BANNER, "% planted", ROWS + " " + COLS + " " + entries.size()));
        lines.addAll(entries);
        mtx = Files.write(tmp.resolve("x.mtx"), lines);
        List<String> table = new ArrayList<>();
        StringBuilder header = new StringBuilder("row");
        for (int j = 1; j <= COLS; j++) {
            header.append(",c").append(j);
        }
        table.add(header.toString());
        for (int i = 0; i < ROWS; i++) {
            StringBuilder b = new StringBuilder("r" + (i + 1));
            for (int j = 0; j < COLS; j++) {
                b.append(',').append(x[i][j]);
            }
            table.add(b.toString());
        }
        csv = Files.write(tmp.resolve("x.csv"), table);
    }

    @Test
    void sparseFitAgreesWithTheDenseFitAndWritesNumberedFactors() throws Exception {
        for (String loss : List.of("frobenius", "kl")) {
            Path sparseOut = tmp.resolve("sparse-" + loss);
            Path denseOut = tmp.resolve("dense-" + loss);
            CliRun s = run("factor", "--input", mtx.toString(), "--rank", "3", "--loss", loss, "--out", sparseOut.toString());
            assertEquals(0, s.code(), s.err());
            CliRun d = run("factor", "--input", csv.toString(), "--rank", "3", "--loss", loss, "--solver", "mu", "--out",
                    denseOut.toString());
            assertEquals(0, d.code(), d.err());
            String sm = Files.readString(sparseOut.resolve("metrics.json"));
            String dm = Files.readString(denseOut.resolve("metrics.json"));
            assertTrue(sm.contains("\"solver\":\"mu\""), sm); // mu is the default for sparse input
            assertTrue(sm.contains("\"input_format\":\"matrix-market-coordinate\""), sm);
            assertEquals(number(dm, "rel_error"), number(sm, "rel_error"), 1e-8, loss);
            assertEquals(number(dm, "objective"), number(sm, "objective"), 1e-8 * number(dm, "objective"), loss);
            assertEquals(number(dm, "iterations"), number(sm, "iterations"), loss);
            for (String key : List.of("seconds", "converged", "nnz", "density")) {
                assertTrue(sm.contains("\"" + key + "\":"), key + " missing: " + sm);
            }
            int nnz = Files.readAllLines(mtx).size() - 3;
            assertEquals(nnz, number(sm, "nnz"));
            assertEquals(nnz / (double) (ROWS * COLS), number(sm, "density"), 1e-12);
            List<String> w = Files.readAllLines(sparseOut.resolve("W.csv"));
            assertEquals("row,component_1,component_2,component_3", w.get(0));
            assertEquals(ROWS + 1, w.size());
            assertTrue(w.get(1).startsWith("1,") && w.get(ROWS).startsWith(ROWS + ","), w.get(1));
            List<String> h = Files.readAllLines(sparseOut.resolve("H.csv"));
            assertTrue(h.get(0).startsWith("component,1,2,") && h.get(0).endsWith("," + COLS), h.get(0));
            assertEquals(4, h.size());
            assertEquals((long) number(sm, "iterations") + 2, Files.readAllLines(sparseOut.resolve("history.csv")).size());
            assertTrue(Files.size(sparseOut.resolve("objective.png")) > 1000);
            assertTrue(Files.size(sparseOut.resolve("W.png")) > 1000);
        }
    }

    private void assertBad(Path input, String expected, String... more) throws Exception {
        Path out = tmp.resolve("out-bad");
        List<String> args = new ArrayList<>(List.of("factor", "--input", input.toString(), "--rank", "2", "--out",
                out.toString()));
        args.addAll(List.of(more));
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(2, r.code(), input + " " + args + ": " + r.err() + r.out());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out), "nothing is written for " + expected);
    }

    private Path bad(String body) throws Exception {
        return Files.writeString(tmp.resolve("bad.mtx"), BANNER + "\n" + body);
    }

    @Test
    void badInputExitsTwoWithOneLineNamingFileAndLine() throws Exception {
        assertBad(bad("3 3 2\n1 1 1\n2 2\n"), "bad.mtx: line 4: expected 3 fields 'row column value'");
        assertBad(bad("3 3 2\n1 1 1\n2 2 1 5\n"), "bad.mtx: line 4: expected 3 fields");
        assertBad(bad("3 3 1\n1 1 x\n"), "bad.mtx: line 3: row 1, column 1: value 'x' is not a number");
        assertBad(bad("3 3 1\n1 1 NaN\n"), "bad.mtx: line 3: row 1, column 1: value 'NaN' is not finite");
        assertBad(bad("3 3 1\n1 1 -Infinity\n"), "is not finite");
        assertBad(bad("3 3 2\n1 1 1\n3 2 -0.5\n"), "bad.mtx: line 4: row 3, column 2 is -0.5: NMF needs nonnegative");
        assertBad(bad("3 3 1\n4 1 1\n"), "bad.mtx: line 3: row index 4 is outside 1..3");
        assertBad(bad("3 3 1\n1 9 1\n"), "bad.mtx: line 3: column index 9 is outside 1..3");
        assertBad(bad("3 3 3\n1 1 1\n2 2 2\n1 1 3\n"), "bad.mtx: line 5: row 1, column 1 is repeated (first on line 3)");
        assertBad(bad("3 3 3\n1 1 1\n2 2 2\n"), "bad.mtx: the size line (line 2) declares 3 entries, found 2");
        assertBad(bad("3 3 1\n1 1 1\n2 2 2\n"), "bad.mtx: line 4: more entries than the 1 declared");
        assertBad(bad(""), "bad.mtx: has no size line");
        assertBad(Files.writeString(tmp.resolve("bad.mtx"), ""), "bad.mtx: is empty");
        assertBad(Files.writeString(tmp.resolve("bad.mtx"), "%%MatrixMarket matrix coordinate pattern general\n2 2 1\n"
                + "1 1\n"), "bad.mtx: line 1: only real or integer Matrix Market values are read, found 'pattern'");
        assertBad(Files.writeString(tmp.resolve("bad.mtx"), "%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n"
                + "1 1 1\n"), "only general Matrix Market matrices are read");
        assertBad(Files.writeString(tmp.resolve("bad.mtx"), "%%MatrixMarket matrix array real general\n1 1\n1\n"),
                "only the Matrix Market coordinate (sparse) layout is read");
        assertBad(bad("1 3 2\n1 1 1\n1 2 2\n"), "--rank must be in [1, min(rows, cols)] = [1, 1] for bad.mtx");
    }

    @Test
    void onlyTheMultiplicativeUpdatesFitSparseInput() throws Exception {
        String only = "x.mtx: sparse Matrix Market input is fitted by the multiplicative updates only";
        assertBad(mtx, only, "--solver", "hals");
        assertBad(mtx, only, "--solver", "minvol");
        assertBad(mtx, only, "--solver", "hals", "--loss", "kl");
        assertBad(mtx, only + " (--model nmf --solver mu, --loss frobenius or kl, --init random or nndsvd*), not"
                + " --model plsa; to use --model plsa, convert the matrix to a dense CSV table", "--model", "plsa");
        assertBad(mtx, "not --loss is", "--loss", "is");
        assertBad(mtx, "not --identifiability", "--identifiability");
        assertBad(mtx, "not --init spa", "--init", "spa");
        assertBad(mtx, "--row-labels and --drop-columns do not apply to Matrix Market input", "--drop-columns", "c1");
    }
}
