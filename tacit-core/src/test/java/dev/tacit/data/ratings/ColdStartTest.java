package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartTest {

    @Test
    void countsWithSeparateMaps() {
        Ratings train = Ratings.of(new int[] {0, 1}, new int[] {0, 1}, new double[] {1, 2},
                IdMap.of(List.of("a", "b")), IdMap.of(List.of("x", "y")));
        // test: (b,x) warm/warm, (c,y) cold user, (a,z) cold item, (d,w) both cold
        Ratings test = Ratings.of(new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, new double[] {1, 1, 1, 1},
                IdMap.of(List.of("b", "c", "a", "d")), IdMap.of(List.of("x", "y", "z", "w")));
        assertEquals(2, ColdStart.coldUsers(train, test));
        assertEquals(2, ColdStart.coldItems(train, test));
        assertEquals(0, ColdStart.coldUsers(train, train));
    }

    @Test
    void idsInASharedMapWithoutTrainRatingsAreCold() {
        IdMap users = IdMap.of(List.of("a", "b", "c"));
        IdMap items = IdMap.of(List.of("x", "y"));
        Ratings train = Ratings.of(new int[] {0, 1}, new int[] {0, 0}, new double[] {1, 2}, users, items);
        Ratings test = Ratings.of(new int[] {2, 2, 0}, new int[] {1, 0, 1}, new double[] {1, 1, 1}, users, items);
        assertEquals(2, ColdStart.coldUsers(train, test));
        assertEquals(2, ColdStart.coldItems(train, test));
    }

    @Test
    void countsPairs() {
        Ratings train = Ratings.of(new int[] {0}, new int[] {0}, new double[] {1},
                IdMap.of(List.of("a")), IdMap.of(List.of("x")));
        Pairs pairs = new Pairs(List.of("a", "b", "b"), List.of("y", "x", "x"), null);
        assertEquals(2, ColdStart.coldUsers(train, pairs));
        assertEquals(1, ColdStart.coldItems(train, pairs));
    }
}
