package dev.tacit.model.deep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.diagnostics.Balancedness;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The balanced init satisfies W_{j+1}ᵀW_{j+1} = W_jW_jᵀ (Arora et al. 2019 §1.9). */
class BalancedInitTest {

    @ParameterizedTest(name = "depth {0}, {1}x{2}")
    @CsvSource({"2,8,8", "3,8,8", "4,10,6", "3,6,9"})
    void balanced(int depth, int rows, int cols) {
        DeepProduct p = DeepProduct.square(rows, cols, depth, Init.BALANCED, 0.5, new SplittableRandom(2));
        for (int j = 1; j < depth; j++) {
            double scale = p.layer(j).frobeniusNormSquared();
            double imbalance = Balancedness.imbalance(p, j).frobeniusNorm();
            assertTrue(imbalance <= 1e-12 * Math.max(1, scale), "layer " + j + " imbalance " + imbalance);
        }
        double norm = p.endToEnd().frobeniusNorm();
        assertTrue(norm > 0.5 * 0.5 * Math.sqrt(Math.min(rows, cols)) && norm < 2 * 0.5 * Math.sqrt(Math.max(rows, cols)),
                "‖W(0)‖_F = " + norm);
    }
}
