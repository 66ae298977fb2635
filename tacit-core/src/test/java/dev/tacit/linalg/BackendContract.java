package dev.tacit.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Backend} satisfies (EJML-style standard checks): each implementation's test
 * extends this class and supplies the backend.
 */
abstract class BackendContract {

    abstract Backend backend();

    private Matrix random(int r, int c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix m = Matrix.zeros(backend(), r, c);
        for (int k = 0; k < r * c; k++) {
            m.setFlat(k, rng.nextDouble(-1, 1));
        }
        return m;
    }

    private static double[][] naive(Transpose ta, double[][] a, Transpose tb, double[][] b) {
        int m = ta == Transpose.NO ? a.length : a[0].length;
        int k = ta == Transpose.NO ? a[0].length : a.length;
        int n = tb == Transpose.NO ? b[0].length : b.length;
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta == Transpose.NO ? a[i][p] : a[p][i];
                    double y = tb == Transpose.NO ? b[p][j] : b[j][p];
                    s += x * y;
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    private static void assertClose(double[][] expected, Matrix actual, double tol) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                assertEquals(expected[i][j], actual.get(i, j), tol, "entry (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void gemmAllTransposesAndShapes() {
        int[][] shapes = {{1, 1, 1}, {3, 5, 4}, {7, 2, 9}, {40, 33, 50}, {130, 120, 110}};
        for (int[] s : shapes) {
            for (Transpose ta : Transpose.values()) {
                for (Transpose tb : Transpose.values()) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    Matrix a = ta == Transpose.NO ? random(m, k, 1) : random(k, m, 1);
                    Matrix b = tb == Transpose.NO ? random(k, n, 2) : random(n, k, 2);
                    Matrix c = Matrix.zeros(backend(), m, n);
                    Matrix.multiply(ta, a, tb, b, c);
                    assertClose(naive(ta, a.toArray2d(), tb, b.toArray2d()), c, 1e-10 * k);
                }
            }
        }
    }

    @Test
    void rowRangeIsAWriteThroughViewThatProductsReadAndWrite() {
        Matrix a = random(9, 4, 31);
        Matrix b = random(4, 3, 32);
        Matrix c = Matrix.zeros(backend(), 9, 3);
        Matrix.multiply(Transpose.NO, a, Transpose.NO, b, c);
        Matrix block = Matrix.zeros(backend(), 9, 3);
        for (int i0 = 0; i0 < 9; i0 += 4) { // blocks of 4, 4 and 1 rows
            int i1 = Math.min(9, i0 + 4);
            Matrix.multiply(Transpose.NO, a.rowRange(i0, i1), Transpose.NO, b, block.rowRange(i0, i1));
        }
        assertClose(c.toArray2d(), block, 1e-14);
        Matrix view = a.rowRange(2, 5);
        assertEquals(3, view.rows());
        assertEquals(4, view.cols());
        assertEquals(a.get(3, 1), view.get(1, 1));
        view.set(0, 2, 42.0);
        assertEquals(42.0, a.get(2, 2));
        // Xᵀ·W accumulated over row blocks (beta = 1) equals the one product
        Matrix w = random(9, 2, 33);
        Matrix full = Matrix.zeros(backend(), 4, 2);
        Matrix.multiply(Transpose.YES, a, Transpose.NO, w, full);
        Matrix acc = Matrix.zeros(backend(), 4, 2);
        Matrix.multiply(1.0, Transpose.YES, a.rowRange(0, 5), Transpose.NO, w.rowRange(0, 5), 0.0, acc);
        Matrix.multiply(1.0, Transpose.YES, a.rowRange(5, 9), Transpose.NO, w.rowRange(5, 9), 1.0, acc);
        assertClose(full.toArray2d(), acc, 1e-14);
        assertEquals(0, a.rowRange(4, 4).rows());
        assertThrows(IndexOutOfBoundsException.class, () -> a.rowRange(5, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> a.rowRange(6, 5));
    }

    @Test
    void gemmAlphaBeta() {
        Matrix a = random(6, 4, 3);
        Matrix b = random(4, 5, 4);
        Matrix c = random(6, 5, 5);
        double[][] before = c.toArray2d();
        double[][] ab = naive(Transpose.NO, a.toArray2d(), Transpose.NO, b.toArray2d());
        Matrix.multiply(2.0, Transpose.NO, a, Transpose.NO, b, -0.5, c);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(2 * ab[i][j] - 0.5 * before[i][j], c.get(i, j), 1e-12);
            }
        }
    }

    @Test
    void shapeMismatchAndAliasingAreRejected() {
        Matrix a = random(3, 4, 1);
        assertThrows(IllegalArgumentException.class,
                () -> Matrix.multiply(Transpose.NO, a, Transpose.NO, a, Matrix.zeros(backend(), 3, 4)));
        Matrix sq = random(4, 4, 2);
        assertThrows(IllegalArgumentException.class, () -> Matrix.multiply(Transpose.NO, sq, Transpose.NO, sq, sq));
    }

    @Test
    void level1MixesWithHeapMatrices() {
        Matrix x = random(5, 4, 21);
        Matrix h = Matrix.onHeap(5, 4);
        h.copyFrom(random(5, 4, 22));
        double expected = 0;
        for (int k = 0; k < x.size(); k++) {
            expected += x.getFlat(k) * h.getFlat(k);
        }
        assertEquals(expected, x.dot(h), 1e-12);
        assertEquals(expected, h.dot(x), 1e-12);
        Matrix d = h.minus(x);
        Matrix e = x.minus(h);
        for (int k = 0; k < x.size(); k++) {
            assertEquals(h.getFlat(k) - x.getFlat(k), d.getFlat(k), 0.0);
            assertEquals(-d.getFlat(k), e.getFlat(k), 0.0);
        }
    }

    @Test
    void level1() {
        Matrix x = random(10, 7, 6);
        Matrix y = random(10, 7, 7);
        double[] xs = x.toArray();
        double[] ys = y.toArray();
        double dot = 0;
        for (int k = 0; k < xs.length; k++) {
            dot += xs[k] * ys[k];
        }
        assertEquals(dot, x.dot(y), 1e-12);
        y.addScaled(0.5, x);
        for (int k = 0; k < xs.length; k++) {
            assertEquals(ys[k] + 0.5 * xs[k], y.getFlat(k), 1e-15);
        }
        x.scale(-2);
        assertEquals(-2 * xs[3], x.getFlat(3), 0);
        Matrix copy = x.copy();
        copy.setFlat(0, 99);
        assertTrue(x.getFlat(0) != 99);
    }

    @Test
    void svdValuesAndFactors() {
        for (int[] s : new int[][] {{8, 8}, {12, 5}, {5, 12}, {60, 60}}) {
            Matrix a = random(s[0], s[1], 11);
            Svd values = a.svd(SvdMode.VALUES);
            Svd full = a.svd(SvdMode.THIN);
            int k = Math.min(s[0], s[1]);
            assertEquals(k, values.size());
            assertArrayEquals(values.singularValues(), full.singularValues(), 1e-10);
            for (int i = 1; i < k; i++) {
                assertTrue(values.value(i - 1) >= values.value(i));
            }
            // A = U diag(s) Vᵀ and UᵀU = I
            Matrix us = full.u().copy();
            for (int i = 0; i < us.rows(); i++) {
                for (int j = 0; j < k; j++) {
                    us.set(i, j, us.get(i, j) * full.value(j));
                }
            }
            Matrix rec = us.times(full.vt());
            assertClose(a.toArray2d(), rec, 1e-10);
            Matrix utu = Matrix.zeros(backend(), k, k);
            Matrix.multiply(Transpose.YES, full.u(), Transpose.NO, full.u(), utu);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    assertEquals(i == j ? 1.0 : 0.0, utu.get(i, j), 1e-10);
                }
            }
        }
    }

    @Test
    void svdOfKnownSpectrum() {
        Matrix d = Matrix.zeros(backend(), 4, 3);
        d.set(0, 0, 3);
        d.set(1, 1, 5);
        d.set(2, 2, 1);
        assertArrayEquals(new double[] {5, 3, 1}, d.svd(SvdMode.VALUES).singularValues(), 1e-12);
    }

    @Test
    void sparseProductsMatchDenseForBothKernels() {
        int rows = 23;
        int cols = 17;
        SplittableRandom rng = new SplittableRandom(5);
        java.util.List<int[]> entries = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (rng.nextDouble() < 0.3) {
                    entries.add(new int[] {i, j});
                }
            }
        }
        int[] r = entries.stream().mapToInt(e -> e[0]).toArray();
        int[] c = entries.stream().mapToInt(e -> e[1]).toArray();
        for (SparseKernel kernel : new SparseKernel[] {SparseKernel.SPARSE, SparseKernel.DENSE_GEMM}) {
            SparseMatrix s = SparseMatrix.pattern(backend(), rows, cols, r, c, kernel);
            for (int k = 0; k < s.nnz(); k++) {
                s.setValue(k, rng.nextDouble(-1, 1));
            }
            double[][] dense = s.toDense().toArray2d();
            for (Transpose t : Transpose.values()) {
                Matrix b = t == Transpose.NO ? random(cols, 6, 8) : random(6, cols, 8);
                Matrix out = Matrix.zeros(backend(), rows, 6);
                s.times(t, b, out);
                assertClose(naive(Transpose.NO, dense, t, b.toArray2d()), out, 1e-12);
                Matrix a = t == Transpose.NO ? random(4, rows, 9) : random(rows, 4, 9);
                Matrix out2 = Matrix.zeros(backend(), 4, cols);
                s.timesLeft(t, a, out2);
                assertClose(naive(t, a.toArray2d(), Transpose.NO, dense), out2, 1e-12);
            }
        }
    }

    @Test
    void sparsePatternValidation() {
        assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.pattern(backend(), 3, 3, new int[] {0, 0}, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.pattern(backend(), 3, 3, new int[] {3}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.pattern(backend(), 3, 3, new int[] {1, 0}, new int[] {0, 0}));
    }

    @Test
    void reshapeSharesStorage() {
        Matrix a = random(4, 6, 3);
        Matrix v = a.reshape(1, 24);
        v.setFlat(7, 42);
        assertEquals(42, a.get(1, 1));
        assertThrows(IllegalArgumentException.class, () -> a.reshape(5, 5));
    }
}
