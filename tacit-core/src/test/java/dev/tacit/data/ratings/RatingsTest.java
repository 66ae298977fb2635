package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatingsTest {

    private static final IdMap USERS = IdMap.of(List.of("u0", "u1", "u2"));
    private static final IdMap ITEMS = IdMap.of(List.of("i0", "i1"));

    private static Ratings sample() {
        return Ratings.of(new int[] {0, 1, 2, 0}, new int[] {0, 1, 0, 1}, new double[] {4, 2, 5, 1}, USERS, ITEMS);
    }

    @Test
    void accessorsAndStatistics() {
        Ratings r = sample();
        assertEquals(4, r.size());
        assertEquals(2, r.user(2));
        assertEquals(1, r.item(1));
        assertEquals(5.0, r.value(2));
        assertEquals("u2", r.userId(2));
        assertEquals("i1", r.itemId(3));
        assertEquals(3, r.numUsers());
        assertEquals(2, r.numItems());
        assertEquals(3.0, r.mean(), 1e-15);
        assertEquals(1.0, r.min());
        assertEquals(5.0, r.max());
        assertSame(USERS, r.userIds());
        assertSame(ITEMS, r.itemIds());
        assertNull(r.source());
    }

    @Test
    void arraysAreCopiedInAndOut() {
        int[] users = {0, 1};
        double[] values = {3, 4};
        Ratings r = Ratings.of(users, new int[] {0, 0}, values, USERS, ITEMS);
        users[0] = 2;
        values[0] = 99;
        assertEquals(0, r.user(0));
        assertEquals(3.0, r.value(0));
        r.values()[1] = 77;
        r.users()[1] = 0;
        assertArrayEquals(new double[] {3, 4}, r.values());
        assertArrayEquals(new int[] {0, 1}, r.users());
        assertArrayEquals(new int[] {0, 0}, r.items());
    }

    @Test
    void ofValidates() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Ratings.of(new int[] {0}, new int[] {0, 1}, new double[] {1}, USERS, ITEMS));
        assertTrue(len.getMessage().contains("length"), len.getMessage());
        IllegalArgumentException user = assertThrows(IllegalArgumentException.class,
                () -> Ratings.of(new int[] {3}, new int[] {0}, new double[] {1}, USERS, ITEMS));
        assertTrue(user.getMessage().contains("user index 3"), user.getMessage());
        IllegalArgumentException item = assertThrows(IllegalArgumentException.class,
                () -> Ratings.of(new int[] {0}, new int[] {-1}, new double[] {1}, USERS, ITEMS));
        assertTrue(item.getMessage().contains("item index -1"), item.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Ratings.of(new int[] {0}, new int[] {0}, new double[] {Double.NaN}, USERS, ITEMS));
        assertTrue(nan.getMessage().contains("not finite"), nan.getMessage());
    }

    @Test
    void emptyRatingsHaveNaNStatistics() {
        Ratings r = Ratings.of(new int[0], new int[0], new double[0], USERS, ITEMS);
        assertEquals(0, r.size());
        assertTrue(Double.isNaN(r.mean()) && Double.isNaN(r.min()) && Double.isNaN(r.max()));
    }

    @Test
    void subsetKeepsMapsAndOrder() {
        Ratings r = sample();
        Ratings s = r.subset(new int[] {3, 1});
        assertEquals(2, s.size());
        assertArrayEquals(new int[] {0, 1}, s.users());
        assertArrayEquals(new double[] {1, 2}, s.values());
        assertSame(r.userIds(), s.userIds());
        assertThrows(IndexOutOfBoundsException.class, () -> r.subset(new int[] {4}));
    }

    @Test
    void withoutComparesIdStringsAcrossDifferentMaps() {
        Ratings r = sample();
        // the same pairs (u0,i1) and (u2,i0) plus one unknown user, under other maps in another order
        IdMap ou = IdMap.of(List.of("zz", "u2", "u0"));
        IdMap oi = IdMap.of(List.of("i1", "i0"));
        Ratings other = Ratings.of(new int[] {2, 1, 0}, new int[] {0, 1, 1}, new double[] {9, 9, 9}, ou, oi);
        Ratings rest = r.without(other);
        assertEquals(2, rest.size());
        assertEquals("u0", rest.userId(0));
        assertEquals("i0", rest.itemId(0));
        assertEquals("u1", rest.userId(1));
        assertEquals("i1", rest.itemId(1));
        assertEquals(4, r.without(Ratings.of(new int[0], new int[0], new double[0], ou, oi)).size());
        assertEquals(0, r.without(r).size());
    }

    @Test
    void toEntrySampleHasTheMatrixShape() {
        EntrySample s = sample().toEntrySample();
        assertEquals(3, s.rows());
        assertEquals(2, s.cols());
        assertEquals(4, s.size());
    }
}
