package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static RatingsFormatException fails(Path file) {
        return assertThrows(RatingsFormatException.class, () -> RatingsReader.defaults().read(file));
    }

    private static void assertError(RatingsFormatException e, Path file, long line, String problem) {
        assertEquals(file, e.file());
        assertEquals(line, e.line());
        String where = file.getFileName() + (line > 0 ? ":" + line : "");
        assertTrue(e.getMessage().startsWith(where + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
    }

    // ---------------------------------------------------------------- formats

    @Test
    void readsMovieLensTab() throws IOException {
        Path f = file("u1.base", "701\t812\t3\t900000001\n605\t913\t3\t900000002\n31\t955\t1\t900000003\n701\t955\t4\t1\n");
        assertEquals(RatingsFormat.MOVIELENS_TAB, RatingsReader.detect(f));
        Ratings r = RatingsReader.defaults().read(f);
        assertEquals(4, r.size());
        assertEquals(List.of("701", "605", "31"), r.userIds().ids());
        assertEquals(List.of("812", "913", "955"), r.itemIds().ids());
        assertArrayEquals(new int[] {0, 1, 2, 0}, r.users());
        assertArrayEquals(new int[] {0, 1, 2, 2}, r.items());
        assertArrayEquals(new double[] {3, 3, 1, 4}, r.values());
        assertEquals(f, r.source());
        assertEquals(2.75, r.mean(), 1e-15);
        assertEquals(1.0, r.min());
        assertEquals(4.0, r.max());
    }

    @Test
    void readsTabWithoutTimestamp() throws IOException {
        Ratings r = RatingsReader.defaults().read(file("three", "1\t2\t3.5\n2\t2\t4.5\n"));
        assertArrayEquals(new double[] {3.5, 4.5}, r.values());
        assertEquals(2, r.numUsers());
        assertEquals(1, r.numItems());
    }

    @Test
    void readsDoubleColonWithCrlf() throws IOException {
        Path f = file("ratings.dat", "1::1193::5::978300760\r\n1::661::3::978302109\r\n2::1193::4::978298413\r\n");
        assertEquals(RatingsFormat.DOUBLE_COLON, RatingsReader.detect(f));
        Ratings r = RatingsReader.defaults().read(f);
        assertEquals(3, r.size());
        assertEquals(List.of("1193", "661"), r.itemIds().ids());
        assertArrayEquals(new double[] {5, 3, 4}, r.values());
        assertEquals("2", r.userId(2));
    }

    @Test
    void readsCsvWithBomHeaderCrlfAndTrailingBlankLines() throws IOException {
        Path f = file("ratings.csv", "\uFEFFuserId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n"
                + "1,1029,3.0,1260759179\r\n7,31,4,1\r\n\r\n  \r\n");
        assertEquals(RatingsFormat.CSV, RatingsReader.detect(f));
        Ratings r = RatingsReader.defaults().read(f);
        assertEquals(3, r.size());
        assertEquals(List.of("1", "7"), r.userIds().ids());
        assertEquals(List.of("31", "1029"), r.itemIds().ids());
        assertArrayEquals(new double[] {2.5, 3.0, 4.0}, r.values());
    }

    @Test
    void readsCsvWithoutHeaderWithBomAndQuotedIds() throws IOException {
        Path f = file("plain", "\uFEFFalice, \"x,1\" ,5\n\"bob \"\"b\"\"\",y,1.5\n");
        Ratings r = RatingsReader.defaults().read(f);
        assertEquals(2, r.size());
        assertEquals("alice", r.userId(0));
        assertEquals("x,1", r.itemId(0));
        assertEquals("bob \"b\"", r.userId(1));
        assertArrayEquals(new double[] {5, 1.5}, r.values());
    }

    @Test
    void readsTsvWithHeader() throws IOException {
        Path f = file("data.tsv", "user\titem\trating\nA\tB\t4\nC\tB\t2\n");
        assertEquals(RatingsFormat.TSV, RatingsReader.detect(f));
        Ratings r = RatingsReader.defaults().read(f);
        assertEquals(List.of("A", "C"), r.userIds().ids());
        assertArrayEquals(new double[] {4, 2}, r.values());
    }

    @Test
    void readsSpaceSeparatedWithRunsOfSpacesAndHeader() throws IOException {
        Path f = file("ratings.txt", "user item rating\n1 2 3.5\n  2   3    4  \n");
        assertEquals(RatingsFormat.SPACE, RatingsReader.detect(f));
        Ratings r = RatingsReader.defaults().read(f);
        assertEquals(2, r.size());
        assertEquals("2", r.userId(1));
        assertEquals("3", r.itemId(1));
        assertArrayEquals(new double[] {3.5, 4}, r.values());
    }

    @Test
    void detectsFromContentNeverFromExtension() throws IOException {
        assertEquals(RatingsFormat.MOVIELENS_TAB, RatingsReader.detect(file("ratings.csv", "1\t2\t3\n")));
        assertEquals(RatingsFormat.CSV, RatingsReader.detect(file("ratings.tsv", "1,2,3\n")));
        assertEquals(RatingsFormat.DOUBLE_COLON, RatingsReader.detect(file("u.data", "\n\n1::2::3\n")));
        assertEquals(RatingsFormat.SPACE, RatingsReader.detect(file("x.mtx", "1 2 3\n")));
        assertEquals(RatingsFormat.MATRIX_MARKET,
                RatingsReader.detect(file("m.csv", "%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 2\n")));
        assertEquals(RatingsFormat.TSV, RatingsReader.defaults().format(file("noext", "u\ti\tr\n1\t2\t3\n")));
    }

    @Test
    void forcedFormatOverridesDetection() throws IOException {
        Path f = file("forced", "1,2 3,4 5\n");
        RatingsReader space = RatingsReader.defaults().withFormat(RatingsFormat.SPACE);
        assertEquals(RatingsFormat.SPACE, space.format(f));
        Ratings r = space.read(f);
        assertEquals("1,2", r.userId(0));
        assertEquals("3,4", r.itemId(0));
        assertEquals(5.0, r.value(0));
    }

    // ---------------------------------------------------------------- errors

    @Test
    void wrongFieldCountNamesFileAndLine() throws IOException {
        Path f = file("u1.base", "1\t2\t3\t4\n1\t3\t3\n1\t17\n");
        RatingsFormatException e = fails(f);
        assertEquals("u1.base:3: expected 3 or 4 fields separated by tabs, found 2", e.getMessage());
        assertEquals(3, e.line());
        assertError(fails(file("five.csv", "1,2,3,4,5\n")), dir.resolve("five.csv"), 1,
                "expected 3 or 4 fields separated by commas, found 5");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.base");
        RatingsFormatException e = fails(f);
        assertError(e, f, 0, "file not found");
        assertTrue(e.getMessage().startsWith("nope.base: file not found"), e.getMessage());
        RatingsFormatException d = assertThrows(RatingsFormatException.class, () -> RatingsReader.detect(f));
        assertError(d, f, 0, "file not found");
    }

    @Test
    void directoryIsNotAFile() {
        assertError(fails(dir), dir, 0, "is a directory");
    }

    @Test
    void emptyFilesHaveNoRatings() throws IOException {
        Path empty = file("empty", "");
        assertError(fails(empty), empty, 0, "no ratings");
        Path blank = file("blank", "\n  \r\n\t\n");
        assertError(fails(blank), blank, 0, "no ratings");
        Path bom = file("bom", "\uFEFF");
        assertError(fails(bom), bom, 0, "no ratings");
        Path header = file("header.csv", "userId,movieId,rating,timestamp\n\n");
        assertError(fails(header), header, 0, "no ratings: only a header row");
        assertError(assertThrows(RatingsFormatException.class, () -> RatingsReader.detect(empty)), empty, 0, "no ratings");
    }

    @Test
    void nonNumericRating() throws IOException {
        Path f = file("bad.csv", "1,2,3\n1,3,x\n");
        assertError(fails(f), f, 2, "rating 'x' is not a number");
        Path g = file("gap.csv", "1,2,3\n\n1,3,\n");
        assertError(fails(g), g, 3, "empty rating");
    }

    @Test
    void tabFilesWithAndWithoutHeaderAreOneLayout() throws IOException {
        // as a CSV test file may have a header its train file lacks, so may a tab-separated one
        Path plain = file("u1.base", "1\t2\t3\t100\n");
        Path header = file("h.tsv", "user\titem\trating\n1\t3\t4\n");
        assertEquals(1, RatingsReader.defaults().read(header, RatingsReader.detect(plain)).size());
        assertEquals(1, RatingsReader.defaults().read(plain, RatingsReader.detect(header)).size());
        Path spaces = file("s.txt", "1 3 4\n");
        assertTrue(assertThrows(RatingsFormatException.class,
                () -> RatingsReader.defaults().read(spaces, RatingsFormat.MOVIELENS_TAB)).getMessage()
                .contains("differs from the expected format"));
    }

    @Test
    void javaLiteralSuffixesAndHexAreNotRatings() throws IOException {
        for (String bad : new String[] {"4d", "4F", "0x1p2", "3.5f"}) {
            Path f = file("lit.data", "1\t2\t3\n1\t3\t" + bad + "\n");
            assertError(fails(f), f, 2, "rating '" + bad + "' is not a number");
            Path c = file("lit.csv", "u,i,r\n1,2,3\n1,3,\"" + bad + "\"\n");
            assertError(fails(c), c, 3, "is not a number");
        }
        Path h = file("hex.dat", "1::2::3\n1::3::0x1p1\n");
        assertError(fails(h), h, 2, "rating '0x1p1' is not a number");
        Path ok = file("ok.csv", "1,2,1e0\n1,3,.5\n2,2,+4.\n2,3,-1.25E+1\n3,3,3.5e0\n");
        assertArrayEquals(new double[] {1.0, 0.5, 4.0, -12.5, 3.5}, RatingsReader.defaults().read(ok).values(), 0.0);
    }

    @Test
    void movieLensTabAllowsNoHeader() throws IOException {
        Path f = file("u2.base", "user\titem\trating\n1\t2\t3\n");
        RatingsReader tab = RatingsReader.defaults().withFormat(RatingsFormat.MOVIELENS_TAB);
        RatingsFormatException e = assertThrows(RatingsFormatException.class, () -> tab.read(f));
        assertError(e, f, 1, "rating 'rating' is not a number");
    }

    @Test
    void nonFiniteRatings() throws IOException {
        Path nan = file("nan.data", "1\t2\t3\n1\t3\tNaN\n");
        assertError(fails(nan), nan, 2, "rating 'NaN' is not finite");
        Path inf = file("inf.dat", "1::2::3\n\n\n1::3::-Infinity::5\n");
        assertError(fails(inf), inf, 4, "rating '-Infinity' is not finite");
    }

    @Test
    void emptyIds() throws IOException {
        Path u = file("u.csv", "1,2,3\n,3,4\n");
        assertError(fails(u), u, 2, "empty user id");
        Path i = file("i.csv", "1,2,3\n1,3,4\n1, ,4\n");
        assertError(fails(i), i, 3, "empty item id");
    }

    @Test
    void undetectableFormat() throws IOException {
        Path f = file("one", "\n12345\n");
        RatingsFormatException e = assertThrows(RatingsFormatException.class, () -> RatingsReader.detect(f));
        assertError(e, f, 2, "cannot tell the format");
        assertError(fails(f), f, 2, "cannot tell the format");
    }

    @Test
    void invalidUtf8() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'1', ',', '2', ',', '3', '\n', 'J', (byte) 0xE9, ',', '2', ',', '3', '\n'});
        RatingsFormatException e = fails(f);
        assertTrue(e.getMessage().startsWith("latin1.csv:"), e.getMessage());
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void expectedFormatRejectsAnotherFormat() throws IOException {
        Path train = file("train", "1\t2\t3\n");
        Path test = file("test", "1,2,3\n");
        RatingsFormat fmt = RatingsReader.defaults().format(train);
        assertEquals(1, RatingsReader.defaults().read(train, fmt).size());
        RatingsFormatException e = assertThrows(RatingsFormatException.class,
                () -> RatingsReader.defaults().read(test, fmt));
        assertError(e, test, 0, "CSV");
        assertTrue(e.getMessage().contains("MOVIELENS_TAB"), e.getMessage());
    }

    @Test
    void longOffendingFieldsAreCutInMessages() throws IOException {
        Path f = file("long.csv", "1,2,3\n1,2," + "x".repeat(500) + "\n");
        RatingsFormatException e = fails(f);
        assertTrue(e.getMessage().length() < 150, e.getMessage());
        assertTrue(e.getMessage().contains("..."), e.getMessage());
    }

    // ---------------------------------------------------------------- duplicates

    private Path duplicates() throws IOException {
        // lines: 1 header, 2 (a,x,5), 3 (b,y,3), 4 blank, 5 (a,x,2), 6 (c,x,1), 7 (a,x,4)
        return file("dups.csv", "user,item,rating\na,x,5\nb,y,3\n\na,x,2\nc,x,1\na,x,4\n");
    }

    @Test
    void duplicatesAreAnErrorByDefault() throws IOException {
        Path f = duplicates();
        assertEquals(DuplicatePolicy.ERROR, RatingsReader.defaults().duplicates());
        RatingsFormatException e = fails(f);
        assertError(e, f, 5, "first on line 2");
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void duplicatesLastKeepsTheLastRatingAtTheFirstPosition() throws IOException {
        Ratings r = RatingsReader.defaults().withDuplicates(DuplicatePolicy.LAST).read(duplicates());
        assertEquals(3, r.size());
        assertEquals(List.of("a", "b", "c"), List.of(r.userId(0), r.userId(1), r.userId(2)));
        assertArrayEquals(new double[] {4, 3, 1}, r.values());
    }

    @Test
    void duplicatesMeanAveragesAllOccurrences() throws IOException {
        Ratings r = RatingsReader.defaults().withDuplicates(DuplicatePolicy.MEAN).read(duplicates());
        assertEquals(3, r.size());
        assertEquals(11.0 / 3, r.value(0), 1e-15);
        assertEquals(3.0, r.value(1));
        assertEquals(1.0, r.value(2));
    }

    // ---------------------------------------------------------------- Matrix Market

    @Test
    void aSizeLineWhoseIdsCannotFitTheHeapFailsAtOnce() throws IOException {
        // one id per declared row and column: 2·10⁹ of them would grind through GC for minutes and then run out
        long rows = Runtime.getRuntime().maxMemory() / RatingsReader.BYTES_PER_ID;
        Assumptions.assumeTrue(rows < Integer.MAX_VALUE - 8, "heap too large for this check");
        Path f = file("big.mtx", "%%MatrixMarket matrix coordinate real general\n" + rows + " 5 1\n1 1 4\n");
        assertError(fails(f), f, 2, "ids alone need about");
    }

    @Test
    void readsMatrixMarket() throws IOException {
        Path f = file("m.mtx", "%%MatrixMarket matrix coordinate real general\n% a comment\n%\n3 4 3\n"
                + "1 1 5\n3 4 2.5\n\n2   2\t1\n");
        assertEquals(RatingsFormat.MATRIX_MARKET, RatingsReader.detect(f));
        Ratings r = RatingsReader.defaults().read(f);
        assertEquals(3, r.size());
        assertEquals(3, r.numUsers());
        assertEquals(4, r.numItems());
        assertEquals(List.of("1", "2", "3"), r.userIds().ids());
        assertEquals("3", r.userId(1));
        assertEquals("4", r.itemId(1));
        assertArrayEquals(new int[] {0, 2, 1}, r.users());
        assertArrayEquals(new double[] {5, 2.5, 1}, r.values());
    }

    @Test
    void readsIntegerMatrixMarketWithCrlf() throws IOException {
        Path f = file("int", "%%MatrixMarket matrix coordinate integer general\r\n2 2 2\r\n1 2 3\r\n2 1 4\r\n");
        Ratings r = RatingsReader.defaults().read(f);
        assertArrayEquals(new double[] {3, 4}, r.values());
        assertEquals("2", r.itemId(0));
    }

    @Test
    void matrixMarketErrors() throws IOException {
        Path pattern = file("p.mtx", "%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1\n");
        assertError(fails(pattern), pattern, 1, "pattern matrix has no values");
        Path array = file("a.mtx", "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n");
        assertError(fails(array), array, 1, "coordinate");
        Path sym = file("s.mtx", "%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 1 1\n");
        assertError(fails(sym), sym, 1, "general");
        Path range = file("r.mtx", "%%MatrixMarket matrix coordinate real general\n%\n3 4 2\n1 1 5\n4 1 2\n");
        assertError(fails(range), range, 5, "row index 4 is outside 1..3");
        Path col = file("c.mtx", "%%MatrixMarket matrix coordinate real general\n3 4 1\n1 0 5\n");
        assertError(fails(col), col, 3, "column index 0 is outside 1..4");
        Path fewer = file("f.mtx", "%%MatrixMarket matrix coordinate real general\n3 4 3\n1 1 5\n2 2 1\n");
        assertError(fails(fewer), fewer, 0, "the size line (line 2) declares 3 entries, found 2");
        Path more = file("more.mtx", "%%MatrixMarket matrix coordinate real general\n3 4 1\n1 1 5\n2 2 1\n");
        assertError(fails(more), more, 4, "more entries than the 1 declared on line 2");
        Path size = file("size.mtx", "%%MatrixMarket matrix coordinate real general\n3 x 1\n1 1 5\n");
        assertError(fails(size), size, 2, "size line");
        Path fields = file("fields.mtx", "%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1\n");
        assertError(fails(fields), fields, 3, "expected 3 fields");
        Path nan = file("nan.mtx", "%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 nan\n");
        assertError(fails(nan), nan, 3, "is not a number");
        Path dup = file("dup.mtx", "%%MatrixMarket matrix coordinate real general\n3 3 2\n1 1 1\n1 1 2\n");
        assertError(fails(dup), dup, 4, "first on line 3");
    }

    // ---------------------------------------------------------------- shared id maps

    @Test
    void sharedIdMapsLineUpTrainAndTest() throws IOException {
        Path train = file("u1.base", "10\t1\t5\n20\t2\t3\n");
        Path test = file("u1.test", "20\t1\t4\n30\t3\t1\n");
        Ratings tr = RatingsReader.defaults().read(train);
        RatingsReader shared = RatingsReader.defaults().withIds(tr.userIds(), tr.itemIds());
        Ratings te = shared.read(test, RatingsFormat.MOVIELENS_TAB);
        assertSame(tr.userIds(), te.userIds());
        assertSame(tr.itemIds(), te.itemIds());
        assertEquals(tr.user(1), te.user(0));
        assertEquals(tr.item(0), te.item(0));
        assertEquals(2, te.user(1));
        assertEquals(3, tr.numUsers());
        assertEquals(3, te.numItems());
        assertEquals(List.of("10", "20", "30"), tr.userIds().ids());
    }

    @Test
    void failedReadLeavesSharedMapsUnchanged() throws IOException {
        IdMap users = IdMap.of(List.of("a"));
        IdMap items = IdMap.of(List.of("x"));
        Path bad = file("bad", "b,y,1\nc,z,2\nd,w\n");
        RatingsReader reader = RatingsReader.defaults().withIds(users, items);
        assertThrows(RatingsFormatException.class, () -> reader.read(bad));
        assertEquals(List.of("a"), users.ids());
        assertEquals(List.of("x"), items.ids());
        Ratings ok = reader.read(file("ok", "b,x,1\na,y,2\n"));
        assertEquals(List.of("a", "b"), users.ids());
        assertEquals(List.of("x", "y"), items.ids());
        assertArrayEquals(new int[] {1, 0}, ok.users());
    }
}
