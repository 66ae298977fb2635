package dev.tacit.model.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of the gradients the volume-regularized NMF rules compute inline: the fast-gradient
 * quadratic g(F) = ½⟨F, FQ⟩ − ⟨F, C⟩, the max-volume H-step's exact gradient, and the min-volume H-step's
 * majorizer (tangent to F at H_t, above it elsewhere).
 */
class VolumeGradientTest {

    private static final double H = 1e-6;

    private static double[] random(SplittableRandom rng, int size, double lo, double hi) {
        double[] a = new double[size];
        for (int e = 0; e < size; e++) {
            a[e] = lo + (hi - lo) * rng.nextDouble();
        }
        return a;
    }

    /** Central differences of f at x, every coordinate. */
    private static double[] numeric(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int e = 0; e < x.length; e++) {
            double[] p = x.clone();
            double[] q = x.clone();
            p[e] += H;
            q[e] -= H;
            g[e] = (f.applyAsDouble(p) - f.applyAsDouble(q)) / (2 * H);
        }
        return g;
    }

    private static void assertClose(double[] expected, double[] actual, double relative) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], actual[e], relative * scale, "coordinate " + e);
        }
    }

    @Test
    void fastGradientQuadratic() {
        SplittableRandom rng = new SplittableRandom(1);
        int rows = 5;
        int k = 3;
        double[] q = MinVolumeRule.gram(random(rng, 7 * k, -1, 1), 7, k); // symmetric
        double[] c = random(rng, rows * k, -1, 1);
        double[] f = random(rng, rows * k, -1, 1);
        double[] g = new double[f.length];
        FastGradient.gradient(f, rows, k, q, c, g);
        assertClose(numeric(x -> FastGradient.value(x, rows, k, q, c), f), g, 1e-8);
    }

    @Test
    void maxVolumeHStepGradient() {
        SplittableRandom rng = new SplittableRandom(2);
        int m = 6;
        int k = 3;
        double[] wtw = MinVolumeRule.gram(random(rng, 8 * k, 0, 1), 8, k);
        double[] c = random(rng, m * k, 0, 2);
        double[] ht = random(rng, m * k, 0.05, 1);
        double weight = 0.7;
        double delta = 0.1;
        double[] g = new double[ht.length];
        MaxVolumeRule.partialGradient(ht, m, k, wtw, c, weight, delta, g);
        assertClose(numeric(x -> MaxVolumeRule.partial(x, m, k, wtw, c, weight, delta), ht), g, 1e-7);
    }

    @Test
    void minVolumeHStepMajorizerIsTangentAndAbove() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 7;
        int m = 6;
        int k = 3;
        double weight = 0.5;
        double delta = 0.1;
        double[] x = random(rng, n * m, 0, 1);
        double[] w = random(rng, n * k, 0, 1);
        double[] ht0 = random(rng, m * k, 0.05, 1); // H_tᵀ (m×k)
        double[] xtw = new double[m * k]; // XᵀW
        for (int j = 0; j < m; j++) {
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[i * m + j] * w[i * k + a];
                }
                xtw[j * k + a] = s;
            }
        }
        // the true objective in H, through Hᵀ: ½‖X − WH‖² + (λ'/2) log det(HHᵀ + δI)
        ToDoubleFunction<double[]> objective = ht -> {
            double r = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double wh = 0;
                    for (int a = 0; a < k; a++) {
                        wh += w[i * k + a] * ht[j * k + a];
                    }
                    r += (x[i * m + j] - wh) * (x[i * m + j] - wh);
                }
            }
            return 0.5 * r + 0.5 * weight * MinVolumeRule.logVolume(FactorSweeps.transpose(ht, m, k), k, m, delta);
        };
        double[] q = MinVolumeRule.majorizer(w, n, FactorSweeps.transpose(ht0, m, k), k, m, weight, delta);
        double[] g = new double[ht0.length];
        FastGradient.gradient(ht0, m, k, q, xtw, g);
        assertClose(numeric(objective, ht0), g, 1e-7); // tangent at H_t
        double m0 = FastGradient.value(ht0, m, k, q, xtw);
        double f0 = objective.applyAsDouble(ht0);
        for (int t = 0; t < 50; t++) { // above: M(H) − M(H_t) ≥ F(H) − F(H_t)
            double[] ht = random(rng, m * k, 0, t < 25 ? 1 : 5);
            double majorizer = FastGradient.value(ht, m, k, q, xtw) - m0;
            double actual = objective.applyAsDouble(ht) - f0;
            assertTrue(majorizer >= actual - 1e-9 * Math.max(1, Math.abs(actual)),
                    "trial " + t + ": majorizer " + majorizer + " < objective " + actual);
        }
    }
}
