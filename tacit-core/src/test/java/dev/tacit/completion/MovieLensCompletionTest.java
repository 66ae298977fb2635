package dev.tacit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.ratings.Fold;
import dev.tacit.data.ratings.IdMap;
import dev.tacit.data.ratings.Ratings;
import dev.tacit.data.ratings.RatingsReader;
import dev.tacit.data.ratings.Splits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * MovieLens 100K, official fold u1, read from {@code -Dtacit.ml100k}, {@code TACIT_ML100K} or
 * {@code ../shared/data/ml-100k} (never copied into the repository; skipped when absent). Reference
 * numbers for the default settings are in docs/BENCHMARKS.md (bench/ml100k.sh); this test guards the
 * ordering with margins, not the exact values.
 */
class MovieLensCompletionTest {

    private static Path dataDir() {
        String[] candidates = {System.getProperty("tacit.ml100k"), System.getenv("TACIT_ML100K"),
            "../../shared/data/ml-100k", "../shared/data/ml-100k", "/work/shared/data/ml-100k"};
        for (String c : candidates) {
            if (c != null && !c.isBlank() && Files.isRegularFile(Path.of(c, "u.data"))) {
                return Path.of(c);
            }
        }
        Assumptions.abort("MovieLens 100K not found (set -Dtacit.ml100k=DIR or TACIT_ML100K)");
        return null;
    }

    @Test
    void defaultDmfBeatsTheBiasBaselineOnFoldU1() throws Exception {
        Path dir = dataDir();
        RatingsReader reader = RatingsReader.defaults().withIds(new IdMap(), new IdMap());
        Ratings all = reader.read(dir.resolve("u.data"));
        Ratings test = reader.read(dir.resolve("u1.test"));
        Fold fold = Splits.official(all, test);
        assertEquals(80_000, fold.train().size());
        Metrics bias = Metrics.of(Completer.fit(fold.train(), CompletionSettings.defaults(CompletionMethod.BIAS))
                .predict(test), test.values());
        Metrics dmf = Metrics.of(Completer.fit(fold.train(), CompletionSettings.defaults(CompletionMethod.DMF))
                .predict(test), test.values());
        assertTrue(bias.rmse() > 0.95 && bias.rmse() < 0.97, "bias-only on u1: " + bias.rmse());
        assertTrue(dmf.rmse() < bias.rmse() - 0.02, "dmf " + dmf.rmse() + " vs bias " + bias.rmse());
        assertTrue(dmf.mae() < bias.mae());
    }
}
