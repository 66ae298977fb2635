package dev.tacit.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.experiments.ExperimentReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    @TempDir
    Path tmp;

    private String printed() {
        ExperimentReport report = new ExperimentReport(tmp, List.of("seed", "test_error"),
                List.of(List.of("0", "1e-6")), List.of(), false, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultsTable.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void namesHistoryCsvOnlyWhenTheExperimentWroteOne() throws Exception {
        // hou2025-completion and kamber2025-sharpness write no history.csv
        assertFalse(printed().contains("history.csv"));
        Files.writeString(tmp.resolve("history.csv"), "iteration\n");
        assertTrue(printed().contains(", history.csv, provenance.json"));
    }
}
