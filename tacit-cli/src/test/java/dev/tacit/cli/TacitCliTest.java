package dev.tacit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TacitCliTest {

    @TempDir
    Path tmp;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void outOfMemoryIsOneLineWithoutStackTrace() throws Exception {
        // a sparse file declaring 2^31 - 9 rows: its row index alone needs more than the test JVM's heap
        Path mtx = Files.writeString(tmp.resolve("huge.mtx"),
                "%%MatrixMarket matrix coordinate real general\n2147483639 2147483639 1\n1 1 3\n");
        Path out = tmp.resolve("out");
        CliRun r = run("factor", "--input", mtx.toString(), "--rank", "1", "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("tacit: out of memory"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void listsExperiments() {
        CliRun r = run("list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("arora2019-completion"));
        assertTrue(r.out().contains("arora2019-sensing"));
        assertTrue(r.out().contains("arora2019-dynamics"));
    }

    @Test
    void badInputGivesOneLineExitTwoAndWritesNothing() {
        Path out = tmp.resolve("never");
        String[][] cases = {
            {"reproduce", "no-such-experiment", "--out", out.toString()},
            {"reproduce", "arora2019-completion", "--depths", "0", "--out", out.toString()},
            {"reproduce", "arora2019-completion", "--lr", "-1e-3", "--out", out.toString()},
            {"reproduce", "arora2019-completion", "--observations", "10001", "--out", out.toString()},
            {"reproduce", "arora2019-completion", "--rank", "200", "--out", out.toString()},
            {"reproduce", "arora2019-completion", "--methods", "svd", "--out", out.toString()},
            {"reproduce", "arora2019-completion", "--n", "abc", "--out", out.toString()},
            {"reproduce", "arora2019-completion", "--bogus"},
            {"reproduce", "arora2019-completion", "--optimizer", "lbfgs", "--out", out.toString()},
            {"reproduce", "hou2025-network", "--radius", "0", "--out", out.toString()},
            {"reproduce", "hou2025-network", "--radius", "-1", "--out", out.toString()},
            {"frobnicate"},
        };
        for (String[] c : cases) {
            CliRun r = run(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
            assertTrue(r.err().startsWith("tacit: "), r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void smallReproductionWritesEveryFile() throws Exception {
        Path out = tmp.resolve("run");
        CliRun r = run("reproduce", "arora2019-completion", "--quick", "--n", "20", "--rank", "2", "--observations", "120,250",
                "--depths", "1,2", "--max-iter", "3000", "--log-every", "500", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("results.csv", "history.csv", "provenance.json", "report.html",
                "test-error-vs-observations.png", "singular-values-depth2.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        assertTrue(lines.get(0).startsWith("method,depth,observations,init_scale,lr,seed,iterations,train_loss,test_error,"
                + "effective_rank,nuclear_norm"), lines.get(0));
        assertTrue(lines.get(0).contains("seconds"));
        assertEquals(1 + 2 * 3, lines.size()); // (2 depths + nnm) x 2 observation counts
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("nnm,0,")));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64"));
        assertTrue(Files.readString(out.resolve("provenance.json")).contains("\"backend\""));
        assertTrue(r.out().contains("test_error"));
        // no staging folders left behind
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void singleDivergedRunExitsThree() {
        Path out = tmp.resolve("div");
        CliRun r = run("reproduce", "arora2019-completion", "--n", "10", "--rank", "1", "--observations", "50",
                "--depths", "3", "--methods", "dmf", "--quick", "--optimizer", "gd", "--lr", "10", "--max-iter", "2000", "--out", out.toString());
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("DIVERGED"));
    }
}
