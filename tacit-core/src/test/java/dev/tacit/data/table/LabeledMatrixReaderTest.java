package dev.tacit.data.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule and every error of {@link LabeledMatrixReader}. */
class LabeledMatrixReaderTest {

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private LabeledMatrix read(String text, RowLabels mode) throws IOException {
        return LabeledMatrixReader.read(file("t.csv", text), mode);
    }

    private String error(String text, RowLabels mode) throws IOException {
        Path f = file("bad.csv", text);
        TableFormatException e = assertThrows(TableFormatException.class, () -> LabeledMatrixReader.read(f, mode));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.csv: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void headerAndLabelColumn() throws IOException {
        LabeledMatrix t = read("name,a,b\nx,1,2\ny,3,4.5\n", RowLabels.AUTO);
        assertEquals(List.of("x", "y"), t.rowLabels());
        assertEquals(List.of("a", "b"), t.columnLabels());
        assertArrayEquals(new double[] {1, 2, 3, 4.5}, t.values().toArray());
        assertEquals(2, t.rows());
        assertEquals(2, t.cols());
        assertTrue(t.source().endsWith("t.csv"));
    }

    @Test
    void plainNumericTableGetsDefaultNames() throws IOException {
        LabeledMatrix t = read("1,2,3\n4,5,6\n", RowLabels.AUTO);
        assertEquals(List.of("r1", "r2"), t.rowLabels());
        assertEquals(List.of("c1", "c2", "c3"), t.columnLabels());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.values().toArray());
    }

    @Test
    void headerWithoutLabelColumnNamesColumnsOnly() throws IOException {
        LabeledMatrix t = read("a,b\n1,2\n3,4\n", RowLabels.AUTO);
        assertEquals(List.of("r1", "r2"), t.rowLabels());
        assertEquals(List.of("a", "b"), t.columnLabels());
    }

    @Test
    void numericFirstColumnIsLabelsOnlyWhenAsked() throws IOException {
        String text = "id,a,b\n7,1,2\n8,3,4\n";
        assertEquals(List.of("id", "a", "b"), read(text, RowLabels.AUTO).columnLabels());
        LabeledMatrix t = read(text, RowLabels.FIRST_COLUMN);
        assertEquals(List.of("7", "8"), t.rowLabels());
        assertEquals(List.of("a", "b"), t.columnLabels());
        LabeledMatrix noHeader = read("7,1,2\n8,3,4\n", RowLabels.FIRST_COLUMN);
        assertEquals(List.of("c1", "c2"), noHeader.columnLabels());
        assertEquals(List.of("7", "8"), noHeader.rowLabels());
    }

    @Test
    void anyTextCellBelowTheHeaderMakesTheFirstColumnLabels() throws IOException {
        LabeledMatrix t = read("g,a\n1,2\nx,3\n", RowLabels.AUTO);
        assertEquals(List.of("1", "x"), t.rowLabels());
        assertEquals(List.of("a"), t.columnLabels());
    }

    @Test
    void tabAndSemicolonDelimitersBomCrlfQuotesAndBlankLines() throws IOException {
        LabeledMatrix tab = read("\uFEFFname\ta\tb\r\nx\t1\t2\r\n\r\ny\t3\t4\r\n", RowLabels.AUTO);
        assertEquals(List.of("a", "b"), tab.columnLabels());
        assertEquals(List.of("x", "y"), tab.rowLabels());
        LabeledMatrix semi = read("name;a;b\nx;1;2e0\n", RowLabels.AUTO);
        assertArrayEquals(new double[] {1, 2}, semi.values().toArray());
        LabeledMatrix quoted = read("name,\"a,1\",b\n\"Smith, J\", 1 ,-2.5E-1\n", RowLabels.AUTO);
        assertEquals(List.of("a,1", "b"), quoted.columnLabels());
        assertEquals(List.of("Smith, J"), quoted.rowLabels());
        assertArrayEquals(new double[] {1, -0.25}, quoted.values().toArray());
    }

    @Test
    void droppedColumnsAreIgnoredBeforeParsing() throws IOException {
        Path f = file("d.csv", "group,sex,year,a,b\nM1,M,1975,1,2\nF1,F,1980,3,4\n");
        LabeledMatrix t = LabeledMatrixReader.read(f, RowLabels.AUTO, List.of("sex", "year"));
        assertEquals(List.of("a", "b"), t.columnLabels());
        assertEquals(List.of("M1", "F1"), t.rowLabels());
        TableFormatException e = assertThrows(TableFormatException.class,
                () -> LabeledMatrixReader.read(f, RowLabels.AUTO, List.of("age")));
        assertTrue(e.getMessage().contains("'age'"), e.getMessage());
        Path plain = file("p.csv", "1,2\n3,4\n");
        assertThrows(TableFormatException.class, () -> LabeledMatrixReader.read(plain, RowLabels.AUTO, List.of("a")));
    }

    @Test
    void extraTextColumnIsAnError() throws IOException {
        String m = error("group,sex,a\nM1,M,1\n", RowLabels.AUTO);
        assertEquals("bad.csv: line 2, column 'sex': 'M' is not a number", m);
    }

    @Test
    void repeatedRowLabelsOrColumnNamesAreErrors() throws IOException {
        // W.csv and H.csv are keyed by these labels: a repeat would make them ambiguous
        assertEquals("bad.csv: line 4: row label 'x' repeats the one on line 2",
                error("n,a,b\nx,1,2\ny,3,4\nx,5,6\n", RowLabels.AUTO));
        assertEquals("bad.csv: line 1: column name 'a' appears twice in the header",
                error("n,a,a\nx,1,2\ny,3,4\n", RowLabels.AUTO));
        assertEquals(2, read("n,a,b\nx,1,2\ny,3,4\n", RowLabels.AUTO).rows());
    }

    @Test
    void raggedRows() throws IOException {
        assertEquals("bad.csv: line 3 has 2 cells, the header has 3", error("n,a,b\nx,1,2\ny,3\n", RowLabels.AUTO));
        assertEquals("bad.csv: line 2 has 3 cells, the first row has 2", error("1,2\n3,4,5\n", RowLabels.AUTO));
    }

    @Test
    void nonNumericCell() throws IOException {
        String m = error("n,a,sleeping\nx,1,2\ny,3,4\nz,5,abc\n", RowLabels.AUTO);
        assertEquals("bad.csv: line 4, column 'sleeping': 'abc' is not a number", m);
        assertTrue(error("1,2\n3,\n", RowLabels.AUTO).contains("line 2, column 2: '' is not a number"));
        assertTrue(error("a,b\nx,1\n", RowLabels.NONE).contains("line 2, column 'a': 'x' is not a number"));
    }

    @Test
    void nanAndInfinity() throws IOException {
        assertEquals("bad.csv: line 2, column 'b': 'NaN' is not a finite number",
                error("n,a,b\nx,1,NaN\n", RowLabels.AUTO));
        assertTrue(error("n,a\nx,-inf\n", RowLabels.AUTO).contains("'-inf' is not a finite number"));
        assertEquals("bad.csv: line 2, column 1: 'Infinity' is not a finite number",
                error("1,2\nInfinity,3\n", RowLabels.AUTO));
    }

    @Test
    void emptyFileHeaderOnlyAndMissingFile() throws IOException {
        assertEquals("bad.csv: is empty", error("", RowLabels.AUTO));
        assertEquals("bad.csv: is empty", error("\n  \n", RowLabels.AUTO));
        assertEquals("bad.csv: has a header but no data rows", error("a,b\n", RowLabels.AUTO));
        assertEquals("bad.csv: has no numeric columns besides the row labels", error("a\nx\n", RowLabels.AUTO));
        TableFormatException e = assertThrows(TableFormatException.class,
                () -> LabeledMatrixReader.read(tmp.resolve("nope.csv"), RowLabels.AUTO));
        assertEquals("nope.csv: file not found", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void exceptionCarriesLineAndColumn() throws IOException {
        Path f = file("c.csv", "n,a\nx,oops\n");
        TableFormatException e = assertThrows(TableFormatException.class, () -> LabeledMatrixReader.read(f, RowLabels.AUTO));
        assertEquals(2, e.line());
        assertEquals("'a'", e.column());
        assertEquals(f, e.file());
    }

    @Test
    void negativeValueIsAnErrorWithItsLineWhenNonnegativeIsAsked() throws IOException {
        Path labelled = file("neg.csv", "n,x,y\n\na,1,2\nb,3,-1\n");
        assertEquals(-1.0, LabeledMatrixReader.read(labelled, RowLabels.AUTO).values().get(1, 1));
        TableFormatException e = assertThrows(TableFormatException.class,
                () -> LabeledMatrixReader.read(labelled, RowLabels.AUTO, List.of(), true));
        assertEquals("neg.csv: line 4, column 'y': '-1' is negative: NMF needs nonnegative entries", e.getMessage());
        Path numeric = file("neg1.csv", "1,2\n-3,4\n");
        e = assertThrows(TableFormatException.class,
                () -> LabeledMatrixReader.read(numeric, RowLabels.AUTO, List.of(), true));
        assertEquals("neg1.csv: line 2, column 1: '-3' is negative: NMF needs nonnegative entries", e.getMessage());
        // a negative number in a label column is a label, not a value
        LabeledMatrix t = LabeledMatrixReader.read(file("lab.csv", "n,x\n-1,2\nb,3\n"), RowLabels.AUTO, List.of(), true);
        assertEquals(List.of("-1", "b"), t.rowLabels());
    }
}
