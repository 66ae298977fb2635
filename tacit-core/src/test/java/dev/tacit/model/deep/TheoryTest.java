package dev.tacit.model.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.diagnostics.Balancedness;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Svd;
import dev.tacit.linalg.SvdMode;
import dev.tacit.linalg.Transpose;
import dev.tacit.objective.CompletionLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Theory as tests (dmf.md §1.9 and §2). */
class TheoryTest {

    /**
     * Du, Hu, Lee 2018, discrete identity: with W_j ← W_j − ηG_j,
     * ΔC_h = η²(G_{h+1}ᵀG_{h+1} − G_hG_hᵀ) exactly, where C_h = W_{h+1}ᵀW_{h+1} − W_hW_hᵀ.
     */
    @Test
    void balancednessDriftIdentity() {
        SplittableRandom rng = new SplittableRandom(4);
        Matrix truth = LowRankGenerator.generate(12, 12, 2, rng);
        truth.scale(30.0); // large residuals: ΔC_h well above the rounding of C_h
        CompletionLoss loss = new CompletionLoss(EntrySample.sampleUniform(truth, 60, rng));
        DeepProduct p = DeepProduct.square(12, 12, 4, Init.GAUSSIAN, 1.0, rng);
        double eta = 1e-3;
        LinearOperand d = loss.newGradient();
        loss.valueAndGradient(p.endToEnd(), d);
        List<Matrix> g = p.newGradientBuffers();
        p.backward(d, g);
        List<Matrix> before = new ArrayList<>();
        for (int h = 1; h < 4; h++) {
            before.add(Balancedness.imbalance(p, h));
        }
        for (int j = 0; j < 4; j++) {
            p.factors().get(j).addScaled(-eta, g.get(j));
        }
        p.afterUpdate();
        for (int h = 1; h < 4; h++) {
            Matrix delta = Balancedness.imbalance(p, h).minus(before.get(h - 1));
            Matrix predicted = Matrix.zeros(12, 12);
            Matrix.multiply(eta * eta, Transpose.YES, g.get(h), Transpose.NO, g.get(h), 0.0, predicted);
            Matrix.multiply(-eta * eta, Transpose.NO, g.get(h - 1), Transpose.YES, g.get(h - 1), 1.0, predicted);
            double rel = delta.minus(predicted).frobeniusNorm() / delta.frobeniusNorm();
            assertTrue(delta.frobeniusNorm() > 0);
            assertTrue(rel <= 1e-8, "h=" + h + " relative deviation " + rel);
        }
    }

    /**
     * Arora et al. 2019, Theorem 3: under gradient flow from a balanced init,
     * dσ_r/dt = −N(σ_r²)^{1−1/N}⟨∇ℓ(W), u_r v_rᵀ⟩. Checked with one tiny GD step (η = 1e-7) at depth 3,
     * n = 8, as in dmf.md §1.9.
     */
    @Test
    void singularValueDynamics() {
        int n = 8;
        int depth = 3;
        SplittableRandom rng = new SplittableRandom(9);
        Matrix truth = LowRankGenerator.generate(n, n, 2, rng);
        CompletionLoss loss = new CompletionLoss(EntrySample.sampleUniform(truth, 40, rng));
        DeepProduct p = DeepProduct.square(n, n, depth, Init.BALANCED, 1.0, rng);
        Matrix w = p.endToEnd().copy();
        Svd svd = w.svd(SvdMode.THIN);
        LinearOperand d = loss.newGradient();
        loss.valueAndGradient(w, d);
        Matrix dense = Matrix.zeros(n, n);
        d.copyInto(dense);
        List<Matrix> g = p.newGradientBuffers();
        p.backward(d, g);
        double eta = 1e-7;
        for (int j = 0; j < depth; j++) {
            p.factors().get(j).addScaled(-eta, g.get(j));
        }
        p.afterUpdate();
        double[] after = p.endToEnd().singularValues();
        double maxRel = 0;
        for (int r = 0; r < n; r++) {
            double s = svd.value(r);
            double inner = 0; // ⟨∇ℓ, u_r v_rᵀ⟩ = u_rᵀ ∇ℓ v_r
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    inner += svd.u().get(i, r) * dense.get(i, j) * svd.vt().get(r, j);
                }
            }
            double predicted = -depth * Math.pow(s * s, 1.0 - 1.0 / depth) * inner;
            double measured = (after[r] - s) / eta;
            maxRel = Math.max(maxRel, Math.abs(measured - predicted) / Math.max(1e-3, Math.abs(predicted)));
        }
        assertTrue(maxRel < 1e-4, "max relative error " + maxRel);
    }

    @Test
    void endToEndDynamicsForBalancedInit() {
        // dW/dt = −Σ_j (WWᵀ)^{(j−1)/N} ∇ℓ (WᵀW)^{(N−j)/N}; for N = 2 and W = U S Vᵀ this is
        // −(U S Uᵀ ∇ℓ + ∇ℓ V S Vᵀ); checked against one tiny step.
        int n = 6;
        SplittableRandom rng = new SplittableRandom(21);
        Matrix truth = LowRankGenerator.generate(n, n, 2, rng);
        CompletionLoss loss = new CompletionLoss(EntrySample.sampleUniform(truth, 20, rng));
        DeepProduct p = DeepProduct.square(n, n, 2, Init.BALANCED, 1.0, rng);
        Matrix w = p.endToEnd().copy();
        Svd svd = w.svd(SvdMode.THIN);
        LinearOperand d = loss.newGradient();
        loss.valueAndGradient(w, d);
        Matrix grad = Matrix.zeros(n, n);
        d.copyInto(grad);
        Matrix usu = Matrix.zeros(n, n);
        Matrix vsv = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = 0;
                double b = 0;
                for (int r = 0; r < n; r++) {
                    a += svd.u().get(i, r) * svd.value(r) * svd.u().get(j, r);
                    b += svd.vt().get(r, i) * svd.value(r) * svd.vt().get(r, j);
                }
                usu.set(i, j, a);
                vsv.set(i, j, b);
            }
        }
        Matrix predicted = usu.times(grad);
        predicted.addScaled(1.0, grad.times(vsv));
        predicted.scale(-1.0);
        List<Matrix> g = p.newGradientBuffers();
        p.backward(d, g);
        double eta = 1e-7;
        for (int j = 0; j < 2; j++) {
            p.factors().get(j).addScaled(-eta, g.get(j));
        }
        p.afterUpdate();
        Matrix measured = p.endToEnd().minus(w);
        measured.scale(1 / eta);
        double rel = measured.minus(predicted).frobeniusNorm() / predicted.frobeniusNorm();
        assertEquals(0.0, rel, 1e-5);
    }
}
