package dev.tacit.data.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SparseMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SparseMatrixReader} and {@link TableFormat#detect}: what is read, and every error. */
class SparseMatrixReaderTest {

    private static final String BANNER = "%%MatrixMarket matrix coordinate real general\n";

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private String error(String text) throws IOException {
        Path f = file("bad.mtx", text);
        TableFormatException e = assertThrows(TableFormatException.class,
                () -> SparseMatrixReader.read(f, SparseMatrixReader.Values.NONNEGATIVE));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.mtx: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsEntriesInAnyOrderWithCommentsBlankLinesAndCrlf() throws IOException {
        Path f = file("x.mtx", "\uFEFF%%MatrixMarket matrix coordinate integer general\r\n% a comment\r\n\r\n3 4 4\r\n"
                + "3 4 7\r\n1 2 1\r\n  % another\r\n2 1 0\r\n1 1 2.5e0\r\n\r\n");
        SparseMatrix x = SparseMatrixReader.read(f, SparseMatrixReader.Values.NONNEGATIVE);
        assertEquals(3, x.rows());
        assertEquals(4, x.cols());
        assertEquals(4, x.nnz());
        Matrix d = x.toDense();
        assertEquals(2.5, d.get(0, 0));
        assertEquals(1.0, d.get(0, 1));
        assertEquals(0.0, d.get(1, 0));
        assertEquals(7.0, d.get(2, 3));
        for (int k = 1; k < x.nnz(); k++) {
            assertTrue(x.row(k - 1) < x.row(k) || x.row(k - 1) == x.row(k) && x.col(k - 1) < x.col(k));
        }
    }

    @Test
    void negativeValuesOnlyUnderFinite() throws IOException {
        Path f = file("x.mtx", BANNER + "2 2 1\n2 2 -1.5\n");
        assertEquals(-1.5, SparseMatrixReader.read(f, SparseMatrixReader.Values.FINITE).value(0));
        assertEquals("bad.mtx: line 3: row 2, column 2 is -1.5: NMF needs nonnegative entries",
                error(BANNER + "2 2 1\n2 2 -1.5\n"));
    }

    @Test
    void detectsTheFormatFromTheContent() throws IOException {
        assertEquals(TableFormat.MATRIX_MARKET_COORDINATE, TableFormat.detect(file("x.csv", "\n" + BANNER + "1 1 0\n")));
        assertEquals(TableFormat.DELIMITED, TableFormat.detect(file("y.mtx", "a,b\n1,2\n")));
        assertEquals(TableFormat.DELIMITED, TableFormat.detect(file("e.mtx", "")));
        assertEquals(TableFormat.DELIMITED, TableFormat.detect(tmp.resolve("missing.mtx")));
    }

    @Test
    void errorsNameTheFileAndLine() throws IOException {
        assertEquals("bad.mtx: is empty", error(""));
        assertEquals("bad.mtx: is empty", error("\n  \n"));
        assertTrue(error(BANNER).contains("has no size line"), error(BANNER));
        assertTrue(error("%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n")
                .startsWith("bad.mtx: line 1: only the Matrix Market coordinate (sparse) layout"));
        assertTrue(error("%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1\n")
                .contains("line 1: only real or integer Matrix Market values are read, found 'pattern'"));
        assertTrue(error("%%MatrixMarket matrix coordinate complex general\n2 2 1\n1 1 1 0\n").contains("'complex'"));
        assertTrue(error("%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 1 1\n")
                .contains("line 1: only general Matrix Market matrices are read, found 'symmetric'"));
        assertTrue(error(BANNER + "2 x 1\n1 1 1\n").contains("line 2: expected the size line"));
        assertTrue(error(BANNER + "2 2\n1 1 1\n").contains("line 2: expected the size line"));
        assertTrue(error(BANNER + "2 2 5\n").contains("more than 2 x 2 cells"));
        assertEquals("bad.mtx: line 4: expected 3 fields 'row column value' separated by spaces, found 2",
                error(BANNER + "2 2 2\n1 1 1\n2 2\n"));
        assertEquals("bad.mtx: line 4: expected 3 fields 'row column value' separated by spaces, found 4",
                error(BANNER + "2 2 2\n1 1 1\n2 2 1 1\n"));
        assertEquals("bad.mtx: line 3: row 1, column 2: value 'abc' is not a number", error(BANNER + "2 2 1\n1 2 abc\n"));
        // Double.parseDouble reads these as 4.0 and 2.0: they were accepted
        assertEquals("bad.mtx: line 3: row 1, column 2: value '4f' is not a number", error(BANNER + "2 2 1\n1 2 4f\n"));
        assertEquals("bad.mtx: line 3: row 1, column 2: value '0x1p1' is not a number",
                error(BANNER + "2 2 1\n1 2 0x1p1\n"));
        assertEquals("bad.mtx: line 3: row 1, column 2: value '4d' is not a number", error(BANNER + "2 2 1\n1 2 4d\n"));
        assertEquals("bad.mtx: line 3: row 1, column 2: value 'NaN' is not finite", error(BANNER + "2 2 1\n1 2 NaN\n"));
        assertEquals("bad.mtx: line 3: row 1, column 2: value 'Infinity' is not finite",
                error(BANNER + "2 2 1\n1 2 Infinity\n"));
        assertEquals("bad.mtx: line 3: row index 3 is outside 1..2", error(BANNER + "2 2 1\n3 1 1\n"));
        assertEquals("bad.mtx: line 3: column index 0 is outside 1..2", error(BANNER + "2 2 1\n1 0 1\n"));
        assertEquals("bad.mtx: line 3: row index '1.5' is not an integer", error(BANNER + "2 2 1\n1.5 1 1\n"));
        assertEquals("bad.mtx: line 5: row 2, column 1 is repeated (first on line 3)",
                error(BANNER + "2 2 3\n2 1 1\n1 1 1\n2 1 4\n"));
        assertEquals("bad.mtx: the size line (line 2) declares 3 entries, found 2", error(BANNER + "2 2 3\n1 1 1\n2 2 1\n"));
        assertEquals("bad.mtx: line 4: more entries than the 1 declared by the size line (line 2)",
                error(BANNER + "2 2 1\n1 1 1\n2 2 1\n"));
        assertEquals("bad.mtx: file not found", assertThrows(TableFormatException.class,
                () -> SparseMatrixReader.read(tmp.resolve("bad.mtx.gone"), SparseMatrixReader.Values.FINITE))
                .getMessage().replace(".gone", ""));
    }
}
