package dev.tacit.model.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.linalg.Backends;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference checks of {@link NmfObjective#valueAndGradient}: ∂D_β(X‖Y)/∂Y for the three β-divergences of
 * {@link NmfLoss} (Frobenius Y − X, KL 1 − X/Y, IS 1/Y − X/Y²), on a dense X and, for FROBENIUS and KL, on a
 * sparse X (stored entries only, zeros elsewhere). The value returned must also equal {@link NmfObjective#value}.
 */
class NmfObjectiveGradientTest {

    private static final int N = 5;
    private static final int M = 4;

    private static Matrix positive(SplittableRandom rng) {
        Matrix y = Matrix.zeros(N, M);
        for (int e = 0; e < y.size(); e++) {
            y.setFlat(e, 0.5 + rng.nextDouble());
        }
        return y;
    }

    private static void check(NmfObjective o, Matrix y) {
        Matrix g = (Matrix) o.newGradient();
        double value = o.valueAndGradient(y, g);
        assertEquals(o.value(y), value, 1e-12 * Math.max(1, Math.abs(value)));
        double h = 1e-6;
        for (int e = 0; e < y.size(); e++) {
            double orig = y.getFlat(e);
            y.setFlat(e, orig + h);
            double plus = o.value(y);
            y.setFlat(e, orig - h);
            double minus = o.value(y);
            y.setFlat(e, orig);
            double fd = (plus - minus) / (2 * h);
            assertEquals(fd, g.getFlat(e), 1e-6 * Math.max(1, Math.abs(fd)), "entry " + e);
        }
    }

    @ParameterizedTest
    @EnumSource(NmfLoss.class)
    void denseGradientMatchesFiniteDifferences(NmfLoss loss) {
        SplittableRandom rng = new SplittableRandom(7 + loss.ordinal());
        Matrix x = positive(rng);
        check(NmfObjective.of(x, loss, NmfPenalty.NONE), positive(rng));
    }

    @ParameterizedTest
    @EnumSource(value = NmfLoss.class, names = {"FROBENIUS", "KULLBACK_LEIBLER"})
    void sparseGradientMatchesFiniteDifferences(NmfLoss loss) {
        SplittableRandom rng = new SplittableRandom(17 + loss.ordinal());
        List<Integer> rows = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < M; j++) {
                if ((i + 2 * j) % 3 != 0) {
                    rows.add(i);
                    cols.add(j);
                }
            }
        }
        SparseMatrix x = SparseMatrix.pattern(Backends.get(), N, M, rows.stream().mapToInt(Integer::intValue).toArray(),
                cols.stream().mapToInt(Integer::intValue).toArray());
        for (int e = 0; e < rows.size(); e++) {
            x.setValue(e, 0.5 + rng.nextDouble());
        }
        check(NmfObjective.of(x, loss, NmfPenalty.NONE), positive(rng));
    }
}
