package dev.tacit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.table.LabeledMatrixReader;
import dev.tacit.data.table.RowLabels;
import dev.tacit.data.table.TableFormat;
import dev.tacit.model.nmf.NmfSettings;
import dev.tacit.model.nmf.NmfSolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FactorJob} dispatches a Matrix Market file to {@link SparseFactor}, which fits it as the dense table. */
class SparseFactorTest {

    private static final String MTX = "%%MatrixMarket matrix coordinate real general\n4 3 7\n"
            + "1 1 1.0\n2 2 2.5\n3 3 1\n4 1 0.5\n1 3 2\n4 2 3\n3 1 0.25\n";
    private static final String CSV = "row,a,b,c\nr1,1.0,0,2\nr2,0,2.5,0\nr3,0.25,0,1\nr4,0.5,3,0\n";

    @TempDir
    Path tmp;

    @Test
    void sparseResultMatchesTheDenseOne() throws Exception {
        Path mtx = Files.writeString(tmp.resolve("x.mtx"), MTX);
        Path csv = Files.writeString(tmp.resolve("x.csv"), CSV);
        NmfSettings s = NmfSettings.defaults().withSolver(NmfSolver.MULTIPLICATIVE_UPDATE);
        FactorJob.Result sparse = FactorJob.run(new FactorJob.Request(mtx, RowLabels.AUTO, List.of(), 2, s,
                tmp.resolve("s")));
        FactorJob.Result dense = FactorJob.run(new FactorJob.Request(csv, RowLabels.AUTO, List.of(), 2, s,
                tmp.resolve("d")));
        assertNull(sparse.data());
        assertEquals(TableFormat.MATRIX_MARKET_COORDINATE, sparse.format());
        assertEquals(TableFormat.DELIMITED, dense.format());
        assertEquals(4, sparse.rows());
        assertEquals(3, sparse.cols());
        assertEquals(7, sparse.sparse().nnz());
        assertEquals(dense.relativeError(), sparse.relativeError(), 1e-8);
        assertEquals(dense.fit().iterations(), sparse.fit().iterations());
        assertTrue(LabeledMatrixReader.read(tmp.resolve("s").resolve("W.csv"), RowLabels.FIRST_COLUMN).rowLabels()
                .equals(List.of("1", "2", "3", "4")));
    }

    @Test
    void otherSolversAreRefusedBeforeReading() throws Exception {
        Path mtx = Files.writeString(tmp.resolve("x.mtx"), MTX);
        BadInputException e = assertThrows(BadInputException.class, () -> FactorJob.run(new FactorJob.Request(mtx,
                RowLabels.AUTO, List.of(), 2, NmfSettings.defaults(), tmp.resolve("o"))));
        assertTrue(e.getMessage().contains("multiplicative updates only") && e.getMessage().contains("--solver hals"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("o")));
    }
}
