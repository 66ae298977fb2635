package dev.tacit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An {@code --out} that is a file, or lies under one, is bad usage (exit 2, one line), found before any work. */
class OutputFolderTest {

    @TempDir
    Path tmp;

    private void assertBadOut(Path out, String expected, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        assertEquals(2, r.code(), String.join(" ", all) + ": " + r.err() + r.out());
        assertTrue(r.err().startsWith("tacit: --out "), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        try (var siblings = Files.list(tmp)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("staging")));
        }
    }

    @Test
    void outThatIsAFileIsBadInputForEveryCommand() throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "keep me\n");
        Path ratings = Files.writeString(tmp.resolve("r.tsv"), "1\t1\t3\n1\t2\t4\n2\t1\t5\n2\t2\t1\n3\t1\t2\n");
        Path test = Files.writeString(tmp.resolve("t.tsv"), "3\t2\t4\n");
        Path table = Files.writeString(tmp.resolve("x.csv"), "a,b\n1,2\n3,4\n");
        Path under = file.resolve("sub");
        for (Path out : List.of(file, under)) {
            String expected = out.equals(file) ? "exists and is not a folder" : "is a file, not a folder";
            assertBadOut(out, expected, "complete", "--train", ratings.toString(), "--test", test.toString(),
                    "--model", "bias");
            assertBadOut(out, expected, "factor", "--input", table.toString(), "--rank", "1");
            assertBadOut(out, expected, "predict", "--from", tmp.toString(), "--pairs", test.toString());
            assertBadOut(out, expected, "inpaint", "--image", tmp.resolve("none.png").toString());
            assertBadOut(out, expected, "reproduce", "arora2019-completion", "--quick", "--n", "10", "--rank", "1",
                    "--observations", "50", "--depths", "1", "--methods", "dmf", "--max-iter", "5");
        }
        assertEquals("keep me\n", Files.readString(file));
    }
}
