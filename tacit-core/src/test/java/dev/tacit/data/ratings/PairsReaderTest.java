package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void readsCsvPairsWithHeaderBomAndCrlf() throws IOException {
        Path f = file("requests", "\uFEFFuser_id,item_id\r\nalice,x\r\nbob,y\r\n\r\n");
        Pairs p = PairsReader.read(f);
        assertEquals(List.of("alice", "bob"), p.users());
        assertEquals(List.of("x", "y"), p.items());
        assertEquals(2, p.size());
        assertEquals(f, p.source());
    }

    @Test
    void headerRecognizedByNumbersBelowIt() throws IOException {
        Pairs p = PairsReader.read(file("req.tsv", "u\tm\n1\t2\n3\t4\n"));
        assertEquals(List.of("1", "3"), p.users());
        assertEquals(List.of("2", "4"), p.items());
    }

    @Test
    void firstRowIsDataWhenItLooksLikeTheRest() throws IOException {
        Pairs numeric = PairsReader.read(file("n", "1 2\n3 4\n"));
        assertEquals(List.of("1", "3"), numeric.users());
        Pairs names = PairsReader.read(file("s", "user7,item1\nuser8,item2\n"));
        assertEquals(List.of("user7", "user8"), names.users());
        Pairs single = PairsReader.read(file("one", "5::6\n"));
        assertEquals(List.of("5"), single.users());
        assertEquals(List.of("6"), single.items());
    }

    @Test
    void extraFieldsAreIgnoredSoRatingFilesArePairs() throws IOException {
        Pairs p = PairsReader.read(file("u1.test", "701\t812\t3\t900000001\n605\t913\t3\t900000002\n"));
        assertEquals(List.of("701", "605"), p.users());
        assertEquals(List.of("812", "913"), p.items());
        Pairs csv = PairsReader.read(file("r.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1\n"));
        assertEquals(List.of("1"), csv.users());
        assertEquals(List.of("31"), csv.items());
    }

    @Test
    void readsMatrixMarketPatternPairs() throws IOException {
        Pairs p = PairsReader.read(file("p.mtx", "%%MatrixMarket matrix coordinate pattern general\n3 3 2\n1 2\n3 1\n"));
        assertEquals(List.of("1", "3"), p.users());
        assertEquals(List.of("2", "1"), p.items());
    }

    @Test
    void errorsNameFileAndLine() throws IOException {
        Path f = file("pairs.csv", "1,2\n3,4\n\n5\n");
        RatingsFormatException e = assertThrows(RatingsFormatException.class, () -> PairsReader.read(f));
        assertEquals("pairs.csv:4: expected at least 2 fields 'user item' separated by commas, found 1", e.getMessage());
        Path second = file("second.csv", "1,2\n,4\n");
        RatingsFormatException s = assertThrows(RatingsFormatException.class, () -> PairsReader.read(second));
        assertEquals(2, s.line());
        assertTrue(s.getMessage().startsWith("second.csv:2: empty user id"), s.getMessage());
        Path empty = file("empty.csv", "\n");
        RatingsFormatException m = assertThrows(RatingsFormatException.class, () -> PairsReader.read(empty));
        assertEquals("empty.csv: no pairs: the file is empty", m.getMessage());
        Path header = file("h.csv", "user,item\n");
        RatingsFormatException h = assertThrows(RatingsFormatException.class, () -> PairsReader.read(header));
        assertTrue(h.getMessage().contains("only a header row"), h.getMessage());
        Path missing = dir.resolve("missing.csv");
        RatingsFormatException n = assertThrows(RatingsFormatException.class, () -> PairsReader.read(missing));
        assertTrue(n.getMessage().startsWith("missing.csv: file not found"), n.getMessage());
    }

    @Test
    void pairsRecordValidatesAndIsImmutable() {
        assertThrows(IllegalArgumentException.class, () -> new Pairs(List.of("a"), List.of(), null));
        Pairs p = new Pairs(new java.util.ArrayList<>(List.of("a")), List.of("b"), null);
        assertThrows(UnsupportedOperationException.class, () -> p.users().add("c"));
    }
}
