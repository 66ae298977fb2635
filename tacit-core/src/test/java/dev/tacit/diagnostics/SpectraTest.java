package dev.tacit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
