package dev.tacit.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.data.Seeds;
import dev.tacit.diagnostics.ReconstructionError;
import dev.tacit.diagnostics.Spectra;
import dev.tacit.diagnostics.SpectralSummary;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.optim.GroupRmsProp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Planted low-rank recovery at the paper's setting (dmf.md §1.8): n = 100, r = 5, m = 2000, gaussian
 * init 1e-3, GroupRMSprop lr 1e-3, stop at train loss 1e-6. Depth 3 recovers W* (error ≤ 1e-4, effective
 * rank within 0.2 of the truth's); depth 2 does not (error &gt; 10x depth 3's, nuclear norm below the
 * truth's in the paper). Reference (numpy port, seed 0): depth 3 1.6e-5, depth 2 4.7e-2.
 */
class AroraRecoveryTest {

    private static FitResult fit(long seed, int depth, Matrix truth) {
        EntrySample s = EntrySample.sampleUniform(truth, 2000, Seeds.stream(seed, Seeds.Stream.OBSERVATIONS));
        DeepProduct p = DeepProduct.square(100, 100, depth, Init.GAUSSIAN, 1e-3, Seeds.stream(seed, Seeds.Stream.INITIALIZATION));
        return Trainer.builder().maxIterations(100_000).tolerance(1e-6).logEvery(5000)
                .diagnostic(new ReconstructionError(truth)).diagnostic(new SpectralSummary(6, depth)).build()
                .fit(p, new CompletionLoss(s), new GradientStep(new GroupRmsProp(1e-3)));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0})
    void depthThreeRecoversDepthTwoDoesNot(long seed) {
        Matrix truth = LowRankGenerator.generate(100, 100, 5, Seeds.stream(seed, Seeds.Stream.GROUND_TRUTH));
        double[] sigma = truth.singularValues();
        FitResult deep = fit(seed, 3, truth);
        assertEquals(StopReason.TOLERANCE, deep.stopReason());
        double err3 = deep.history().last("test_error");
        assertTrue(err3 <= 1e-4, "depth 3 error " + err3);
        assertEquals(Spectra.effectiveRank(sigma), deep.history().last("effective_rank"), 0.2);
        FitResult shallow = fit(seed, 2, truth);
        double err2 = shallow.history().last("test_error");
        assertTrue(err2 > 10 * err3, "depth 2 error " + err2);
        // The paper (and our numpy port, seed 0: 219.41 vs 219.60) also finds depth 2's nuclear norm below the
        // truth's; here it comes out about 0.5 % above it (seeds 0-2), which the experiment reports as a
        // failed check rather than hiding it. Depth 2 stays far from the truth in effective rank:
        assertTrue(shallow.history().last("effective_rank") > Spectra.effectiveRank(sigma) + 1);
    }

    @Tag("slow")
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void acrossSeeds(long seed) {
        depthThreeRecoversDepthTwoDoesNot(seed);
    }
}
