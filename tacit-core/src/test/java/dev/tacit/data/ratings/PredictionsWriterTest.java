package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesRatingsWithOriginalIdsAtFullPrecision() throws IOException {
        IdMap users = IdMap.of(List.of("196", "a,b", " sp"));
        IdMap items = IdMap.of(List.of("242", "q\"t"));
        Ratings test = Ratings.of(new int[] {0, 1, 2}, new int[] {0, 1, 0}, new double[] {3, 4.5, 1}, users, items);
        double[] pred = {Math.PI, 1.0 / 3, 4.123456789012345e-7};
        Path out = dir.resolve("sub/predictions.csv");
        PredictionsWriter.write(out, test, pred);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("user,item,rating,prediction", lines.get(0));
        assertEquals("196,242,3.0," + Math.PI, lines.get(1));
        assertEquals("\"a,b\",\"q\"\"t\",4.5,0.3333333333333333", lines.get(2));

        // round trip: the ratings and the ids come back exactly; the prediction column reads as timestamp
        Ratings back = RatingsReader.defaults().read(out);
        assertEquals(RatingsFormat.CSV, RatingsReader.detect(out));
        assertEquals(List.of("196", "a,b", " sp"), back.userIds().ids());
        assertEquals(List.of("242", "q\"t"), back.itemIds().ids());
        assertArrayEquals(test.values(), back.values());
        for (int k = 0; k < 3; k++) {
            String[] f = lines.get(k + 1).split(",");
            assertEquals(pred[k], Double.parseDouble(f[f.length - 1]), 0.0);
        }
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void writesPairsAndReplacesAnExistingFile() throws IOException {
        Path out = Files.writeString(dir.resolve("p.csv"), "old content that is longer than the new one\n".repeat(20));
        Pairs pairs = new Pairs(List.of("1", "2"), List.of("10", "20"), null);
        PredictionsWriter.write(out, pairs, new double[] {3.75, -0.1});
        assertEquals(List.of("user,item,prediction", "1,10,3.75", "2,20,-0.1"), Files.readAllLines(out));
        Pairs back = PairsReader.read(out);
        assertEquals(pairs.users(), back.users());
        assertEquals(pairs.items(), back.items());
    }

    @Test
    void rejectsMismatchedLengths() {
        Pairs pairs = new Pairs(List.of("1"), List.of("10"), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PredictionsWriter.write(dir.resolve("x.csv"), pairs, new double[2]));
        assertTrue(e.getMessage().contains("2 predictions for 1 rows"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("x.csv")));
    }
}
