package dev.tacit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tacit.linalg.Matrix;
import org.junit.jupiter.api.Test;

class SpectraTest {
    @Test
    void effectiveRankOfEqualValuesIsTheirCount() {
        assertEquals(3.0, Spectra.effectiveRank(new double[] {2, 2, 2, 0, 0}), 1e-12);
        assertEquals(1.0, Spectra.effectiveRank(new double[] {5, 0}), 1e-12);
        assertEquals(0.0, Spectra.effectiveRank(new double[] {0, 0}), 0);
    }

    @Test
    void norms() {
        double[] s = {4, 1};
        assertEquals(5, Spectra.nuclearNorm(s), 0);
        assertEquals(3, Spectra.schattenPower(s, 0.5), 1e-12); // √4 + √1
        assertEquals(2, Spectra.numericalRank(new double[] {1, 1e-3, 1e-10}, 1e-8));
    }

    @Test
    void diagnosticsRejectArgumentsThatOnlyFailAtTheFirstLog() {
        // Balancedness(0) threw NegativeArraySizeException at the first logged iteration; a zero W* gave
        // test_error = 0/0 = NaN in every row
        assertThrows(IllegalArgumentException.class, () -> new Balancedness(0));
        assertEquals(0, new Balancedness(1).columns().size());
        assertThrows(IllegalArgumentException.class, () -> new ReconstructionError(Matrix.zeros(3, 3)));
        Matrix inf = Matrix.zeros(2, 2);
        inf.set(0, 1, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> new ReconstructionError(inf));
    }
}
