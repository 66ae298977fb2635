package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads the real MovieLens 100K files when present: from the system property {@code tacit.ml100k}, the
 * environment variable {@code TACIT_ML100K}, {@code ../shared/data/ml-100k} or
 * {@code /work/shared/data/ml-100k}; skipped otherwise (the data is never copied into the repository).
 */
class MovieLensFilesTest {

    private static Path dataDir() {
        String prop = System.getProperty("tacit.ml100k");
        String env = System.getenv("TACIT_ML100K");
        for (String c : new String[] {prop, env, "../shared/data/ml-100k", "/work/shared/data/ml-100k"}) {
            if (c != null && !c.isBlank() && Files.isRegularFile(Path.of(c, "u.data"))) {
                return Path.of(c);
            }
        }
        Assumptions.abort("MovieLens 100K not found (set -Dtacit.ml100k=DIR or TACIT_ML100K)");
        return null;
    }

    @Test
    void officialSplitOfMovieLens100k() throws IOException {
        Path d = dataDir();
        Path uData = d.resolve("u.data");
        Path u1Test = d.resolve("u1.test");
        assertEquals(RatingsFormat.MOVIELENS_TAB, RatingsReader.detect(uData));
        Ratings all = RatingsReader.defaults().read(uData);
        assertEquals(100_000, all.size());
        assertEquals(943, all.numUsers());
        assertEquals(1682, all.numItems());
        assertEquals(1.0, all.min());
        assertEquals(5.0, all.max());
        assertEquals(3.52986, all.mean(), 1e-5);

        Ratings test = RatingsReader.defaults().withIds(all.userIds(), all.itemIds())
                .read(u1Test, RatingsReader.detect(uData));
        assertEquals(20_000, test.size());
        assertSame(all.userIds(), test.userIds());
        assertEquals(943, test.numUsers(), "u1.test has no user outside u.data");

        Fold fold = Splits.official(all, test);
        assertEquals(80_000, fold.train().size());
        // the same split with separately read test ids
        Ratings separate = RatingsReader.defaults().read(u1Test);
        assertEquals(80_000, all.without(separate).size());

        Set<String> trainUsers = new HashSet<>();
        Set<String> trainItems = new HashSet<>();
        for (int k = 0; k < fold.train().size(); k++) {
            trainUsers.add(fold.train().userId(k));
            trainItems.add(fold.train().itemId(k));
        }
        int coldUsers = 0;
        int coldItems = 0;
        for (int k = 0; k < test.size(); k++) {
            coldUsers += trainUsers.contains(test.userId(k)) ? 0 : 1;
            coldItems += trainItems.contains(test.itemId(k)) ? 0 : 1;
        }
        assertEquals(coldUsers, ColdStart.coldUsers(fold.train(), test));
        assertEquals(coldItems, ColdStart.coldItems(fold.train(), separate));

        List<Fold> folds = Splits.kFold(all, 5, 1);
        assertEquals(100_000, folds.stream().mapToInt(f -> f.test().size()).sum());
        assertEquals(20_000, folds.get(0).test().size());
    }
}
