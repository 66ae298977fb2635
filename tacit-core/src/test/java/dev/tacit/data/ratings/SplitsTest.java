package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** 103 ratings with distinct (user, item) pairs; the value encodes the position. */
    private static Ratings ratings(int n) {
        IdMap users = new IdMap();
        IdMap items = new IdMap();
        int[] u = new int[n];
        int[] i = new int[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            u[k] = users.getOrAdd("u" + (k % 10));
            i[k] = items.getOrAdd("i" + (k / 10));
            v[k] = k;
        }
        return Ratings.of(u, i, v, users, items);
    }

    private static List<Integer> positions(Ratings r) {
        List<Integer> p = new ArrayList<>();
        for (double v : r.values()) {
            p.add((int) v);
        }
        return p;
    }

    @Test
    void kFoldPartitionsTheRatings() {
        Ratings r = ratings(103);
        List<Fold> folds = Splits.kFold(r, 5, 42);
        assertEquals(5, folds.size());
        Set<Integer> union = new HashSet<>();
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int f = 0; f < 5; f++) {
            Fold fold = folds.get(f);
            assertEquals(f, fold.index());
            List<Integer> test = positions(fold.test());
            Set<Integer> train = new HashSet<>(positions(fold.train()));
            assertEquals(103, test.size() + train.size());
            for (int p : test) {
                assertTrue(!train.contains(p), "position " + p + " in train and test of fold " + f);
                assertTrue(union.add(p), "position " + p + " tested twice");
            }
            smallest = Math.min(smallest, test.size());
            largest = Math.max(largest, test.size());
            assertSame(r.userIds(), fold.train().userIds());
            assertSame(r.itemIds(), fold.test().itemIds());
            List<Integer> sorted = new ArrayList<>(test);
            sorted.sort(null);
            assertEquals(sorted, test, "test keeps the original order");
        }
        assertEquals(103, union.size());
        assertTrue(largest - smallest <= 1, smallest + ".." + largest);
    }

    @Test
    void kFoldIsDeterminedBySeed() {
        Ratings r = ratings(200);
        List<Fold> a = Splits.kFold(r, 4, 7);
        List<Fold> b = Splits.kFold(r, 4, 7);
        List<Fold> c = Splits.kFold(r, 4, 8);
        for (int f = 0; f < 4; f++) {
            assertEquals(positions(a.get(f).test()), positions(b.get(f).test()));
        }
        assertNotEquals(positions(a.get(0).test()), positions(c.get(0).test()));
    }

    @Test
    void kFoldWithKEqualToSizeIsLeaveOneOut() {
        List<Fold> folds = Splits.kFold(ratings(3), 3, 1);
        for (Fold f : folds) {
            assertEquals(1, f.test().size());
            assertEquals(2, f.train().size());
        }
    }

    @Test
    void kFoldValidatesK() {
        Ratings r = ratings(10);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> Splits.kFold(r, 1, 0));
        assertTrue(one.getMessage().contains("2..10"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(r, 11, 0));
    }

    @Test
    void holdoutTakesTheRoundedFraction() {
        Ratings r = ratings(1000);
        Fold f = Splits.holdout(r, 0.05, 3);
        assertEquals(0, f.index());
        assertEquals(50, f.test().size());
        assertEquals(950, f.train().size());
        Set<Integer> all = new HashSet<>(positions(f.train()));
        all.addAll(positions(f.test()));
        assertEquals(1000, all.size());
        assertEquals(positions(f.test()), positions(Splits.holdout(r, 0.05, 3).test()));
        assertNotEquals(positions(f.test()), positions(Splits.holdout(r, 0.05, 4).test()));
        assertEquals(2, Splits.holdout(ratings(33), 0.05, 1).test().size());
    }

    @Test
    void holdoutKeepsAtLeastOneOnEachSide() {
        assertEquals(1, Splits.holdout(ratings(2), 0.01, 0).test().size());
        assertEquals(1, Splits.holdout(ratings(2), 0.99, 0).train().size());
        assertEquals(1, Splits.holdout(ratings(10), 1e-9, 0).test().size());
    }

    @Test
    void holdoutValidates() {
        Ratings r = ratings(10);
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.holdout(r, bad, 0));
            assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
        }
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> Splits.holdout(ratings(1), 0.5, 0));
        assertTrue(small.getMessage().contains("at least 2"), small.getMessage());
    }

    @Test
    void officialTrainsOnAllButTheTestPairs() {
        Ratings all = ratings(50);
        Ratings test = all.subset(new int[] {3, 17, 40});
        Fold f = Splits.official(all, test);
        assertEquals(47, f.train().size());
        assertSame(test, f.test());
        List<Integer> train = positions(f.train());
        assertTrue(!train.contains(3) && !train.contains(17) && !train.contains(40));
    }
}
