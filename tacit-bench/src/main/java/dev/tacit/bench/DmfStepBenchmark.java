package dev.tacit.bench;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.data.Seeds;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.GradientStep;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.Backends;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Workers;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.optim.GroupRmsProp;
import java.util.Locale;

/**
 * Per-iteration time of the Arora et al. 2019 training loop (deep product, completion loss, GroupRMSprop),
 * the same loop as bench/pytorch/dmf_torch.py. Usage:
 * {@code DmfStepBenchmark n depth m iterations warmup}; prints one JSON line.
 */
public final class DmfStepBenchmark {

    private DmfStepBenchmark() {
    }

    /** @param args n depth m iterations warmup */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int depth = Integer.parseInt(args[1]);
        int m = Integer.parseInt(args[2]);
        long iterations = Long.parseLong(args[3]);
        long warmup = Long.parseLong(args[4]);
        long seed = 0;
        Matrix truth = LowRankGenerator.generate(n, n, 5, Seeds.stream(seed, Seeds.Stream.GROUND_TRUTH));
        EntrySample sample = EntrySample.sampleUniform(truth, m, Seeds.stream(seed, Seeds.Stream.OBSERVATIONS));
        CompletionLoss loss = new CompletionLoss(sample);
        DeepProduct p = DeepProduct.square(n, n, depth, Init.GAUSSIAN, 1e-3, Seeds.stream(seed, Seeds.Stream.INITIALIZATION));
        // no tolerance stop, no diagnostics: the pure training loop
        Trainer warm = Trainer.builder().maxIterations(warmup).tolerance(0).logEvery(Integer.MAX_VALUE).build();
        warm.fit(p, loss, new GradientStep(new GroupRmsProp(1e-3)));
        Trainer timed = Trainer.builder().maxIterations(iterations).tolerance(0).logEvery(Integer.MAX_VALUE).build();
        FitResult r = timed.fit(p, loss, new GradientStep(new GroupRmsProp(1e-3)));
        double us = r.seconds() / iterations * 1e6;
        double err = p.endToEnd().minus(truth).frobeniusNormSquared() / truth.frobeniusNormSquared();
        System.out.printf(Locale.ROOT,
                "{\"impl\":\"tacit\",\"backend\":\"%s\",\"threads\":%d,\"n\":%d,\"depth\":%d,\"m\":%d,\"iters\":%d,"
                        + "\"us_per_iter\":%.1f,\"final_train_loss\":%.4g,\"test_error\":%.4g,\"sparse_kernel\":\"%s\"}%n",
                Backends.get().kind(), Workers.threads(), n, depth, m, iterations, us, r.trainLoss(), err,
                ((dev.tacit.linalg.SparseMatrix) loss.newGradient()).kernel());
    }
}
