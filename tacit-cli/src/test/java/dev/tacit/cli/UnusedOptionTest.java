package dev.tacit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An override that an experiment does not read is bad input (exit 2, one line, nothing written), not ignored. */
class UnusedOptionTest {

    @TempDir
    Path tmp;

    @Test
    void anOptionTheExperimentDoesNotReadIsRejected() {
        Path out = tmp.resolve("never");
        String[][] cases = {
            {"reproduce", "arora2019-completion", "--radius", "2"},
            {"reproduce", "arora2019-dynamics", "--radius", "2"},
            {"reproduce", "qi2025-timebudget", "--depths", "2"},
            {"reproduce", "razin2020-norms", "--n", "5"},
            {"reproduce", "du2018-balance", "--tol", "1e-3"},
            {"reproduce", "kamber2025-sharpness", "--init-scales", "1e-3"},
            {"reproduce", "jiang2023-earlystop", "--observations", "100"},
            {"reproduce", "hou2025-completion", "--depths", "3"},
            {"reproduce", "hou2025-network", "--tol", "1e-3"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOf(c, c.length + 3);
            args[c.length] = "--quick";
            args[c.length + 1] = "--out";
            args[c.length + 2] = out.toString();
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.out() + r.err());
            assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
            assertTrue(r.err().startsWith("tacit: --"), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
        }
        assertFalse(Files.exists(out));
    }
}
