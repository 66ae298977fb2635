package dev.tacit.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.LowRankGenerator;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockCholeskyTest {

    /** S = I + B·Bᵀ, p×p, handed out block by block. */
    private static BlockCholesky factor(Matrix s, int[] offset) {
        return BlockCholesky.factor(s.rows(), offset, (i, j, out) -> {
            for (int r = 0; r < out.rows(); r++) {
                for (int c = 0; c < out.cols(); c++) {
                    out.set(r, c, s.get(offset[i] + r, offset[j] + c));
                }
            }
        });
    }

    private static Matrix spd(int p, long seed) {
        Matrix b = LowRankGenerator.gaussian(p, p / 2, new SplittableRandom(seed));
        Matrix s = Matrix.zeros(p, p);
        Matrix.multiply(1.0 / p, Transpose.NO, b, Transpose.YES, b, 0.0, s);
        for (int i = 0; i < p; i++) {
            s.set(i, i, s.get(i, i) + 1.0);
        }
        return s;
    }

    @Test
    void solvesAndMultipliesAcrossSeveralBlocks() {
        int p = 2 * BlockCholesky.BLOCK + 77;
        int[] offset = BlockCholesky.partition(p);
        assertEquals(4, offset.length); // three blocks
        assertEquals(p, offset[3]);
        Matrix s = spd(p, 11);
        BlockCholesky f = factor(s, offset);
        Matrix x = LowRankGenerator.gaussian(p, 1, new SplittableRandom(12));
        Matrix rhs = s.times(x);
        Matrix solved = Matrix.zeros(p, 1);
        f.solve(rhs, solved);
        assertTrue(solved.minus(x).frobeniusNorm() <= 1e-10 * x.frobeniusNorm());
        Matrix product = Matrix.zeros(p, 1);
        f.multiply(x, product);
        assertTrue(product.minus(rhs).frobeniusNorm() <= 1e-10 * rhs.frobeniusNorm());
        // in place
        f.solve(rhs, rhs);
        assertTrue(rhs.minus(x).frobeniusNorm() <= 1e-10 * x.frobeniusNorm());
    }

    @Test
    void singleSmallBlock() {
        Matrix s = Matrix.of(new double[][] {{4, 2}, {2, 3}});
        BlockCholesky f = factor(s, BlockCholesky.partition(2));
        Matrix out = Matrix.zeros(2, 1);
        f.solve(Matrix.of(new double[][] {{8}, {7}}), out);
        assertEquals(1.25, out.get(0, 0), 1e-14); // 4a + 2b = 8, 2a + 3b = 7
        assertEquals(1.5, out.get(1, 0), 1e-14);
    }

    @Test
    void rejectsIndefiniteMatrices() {
        Matrix s = Matrix.of(new double[][] {{1, 2}, {2, 1}});
        assertThrows(ArithmeticException.class, () -> factor(s, BlockCholesky.partition(2)));
    }
}
