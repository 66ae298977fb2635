package dev.tacit.data.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisedTableReaderTest {

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(p, text);
        }
        return p;
    }

    private TableFormatException classificationError(String text, int classes) throws IOException {
        Path p = write("bad.csv", text);
        return assertThrows(TableFormatException.class, () -> SupervisedTableReader.classification(p, classes));
    }

    @Test
    void readsGzippedClassificationWithoutHeader() throws IOException {
        SupervisedTable t = SupervisedTableReader.classification(write("d.csv.gz", "0,1,2\n3,4,1\n\n5,6,0\n"), 3);
        assertEquals(3, t.size());
        assertEquals(3, t.classes());
        assertArrayEquals(new double[] {0, 1, 3, 4, 5, 6}, t.features().toArray(), 0.0);
        assertArrayEquals(new double[] {2, 1, 0}, t.targets(), 0.0);
    }

    @Test
    void readsTheScikitLearnHeader() throws IOException {
        SupervisedTable t = SupervisedTableReader.classification(
                write("w.csv", "2,2,class_0,class_1\n1.5,2,0\n3,4e1,1\n"), 2);
        assertEquals(2, t.size());
        assertEquals(2, t.features().cols());
        assertEquals(40.0, t.features().get(1, 1));
    }

    @Test
    void headerMustMatchTheData() throws IOException {
        assertTrue(classificationError("3,2,a,b\n1,2,0\n3,4,1\n", 2).getMessage().contains("announces 3 rows"));
        assertTrue(classificationError("2,5,a,b\n1,2,0\n3,4,1\n", 2).getMessage().contains("5 features"));
        assertTrue(classificationError("2,2,a,b,c\n1,2,0\n3,4,1\n", 2).getMessage().contains("3 classes"));
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        TableFormatException e = classificationError("1,2,0\n1,,1\n", 2);
        assertEquals("bad.csv: line 2, column 2: empty cell (missing value)", e.getMessage());
        assertEquals(2, e.line());
        e = classificationError("1,2,0\n1,NaN,1\n", 2);
        assertTrue(e.getMessage().startsWith("bad.csv: line 2, column 2: 'NaN' is not a finite number"),
                e.getMessage());
        e = classificationError("1,2,0\n\n1,x,1\n", 2);
        assertEquals("bad.csv: line 3, column 2: 'x' is not a number", e.getMessage());
        e = classificationError("1,2,0\n1,2,0,4\n", 2);
        assertEquals("bad.csv: line 2 has 4 cells, the first row has 3", e.getMessage());
        e = classificationError("1,2,0\n1,2,3\n", 3);
        assertEquals("bad.csv: line 2, column 3: label '3' is not a class in 0..2", e.getMessage());
        e = classificationError("1,2,-1\n", 3);
        assertTrue(e.getMessage().contains("line 1, column 3: label '-1'"), e.getMessage());
        e = classificationError("1,2,0.5\n", 3);
        assertTrue(e.getMessage().contains("label '0.5'"), e.getMessage());
        assertEquals("bad.csv: is empty", classificationError("\n\n", 2).getMessage());
        Path missing = tmp.resolve("none.csv");
        assertEquals("none.csv: file not found", assertThrows(TableFormatException.class,
                () -> SupervisedTableReader.classification(missing, 2)).getMessage());
        Path notGzip = write("x.csv.gz", "");
        Files.writeString(notGzip, "1,2,0\n");
        assertTrue(assertThrows(TableFormatException.class, () -> SupervisedTableReader.classification(notGzip, 2))
                .getMessage().startsWith("x.csv.gz: is not a gzip file"));
    }

    @Test
    void readsSpaceSeparatedRegressionWithSeparateTargets() throws IOException {
        Path x = write("x.csv.gz", "59 2 32.1\n48 1 21.6\n");
        Path y = write("y.csv.gz", "1.51e+02\n7.5e+01\n");
        SupervisedTable t = SupervisedTableReader.regression(x, y);
        assertEquals(0, t.classes());
        assertArrayEquals(new double[] {59, 2, 32.1, 48, 1, 21.6}, t.features().toArray(), 0.0);
        assertArrayEquals(new double[] {151, 75}, t.targets(), 0.0);
    }

    @Test
    void regressionErrors() throws IOException {
        Path x = write("x.txt", "1 2\n3 4\n");
        Path shortY = write("y.txt", "1\n");
        assertEquals("y.txt: has 1 targets but x.txt has 2 rows", assertThrows(TableFormatException.class,
                () -> SupervisedTableReader.regression(x, shortY)).getMessage());
        Path ragged = write("r.txt", "1 2\n3\n");
        assertEquals("r.txt: line 2 has 1 cells, the first row has 2", assertThrows(TableFormatException.class,
                () -> SupervisedTableReader.regression(ragged, shortY)).getMessage());
        Path wideY = write("w.txt", "1 2\n3 4\n");
        assertTrue(assertThrows(TableFormatException.class, () -> SupervisedTableReader.regression(x, wideY))
                .getMessage().contains("one number per line"));
        Path nanY = write("n.txt", "1\nnan\n");
        assertTrue(assertThrows(TableFormatException.class, () -> SupervisedTableReader.regression(x, nanY))
                .getMessage().startsWith("n.txt: line 2, column 1"));
    }
}
