package dev.tacit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void derivedRunsOfDifferentSeedsDoNotOverlap() {
        Set<Long> all = new HashSet<>();
        int count = 0;
        for (long seed = 0; seed < 100; seed++) {
            assertEquals(seed, Seeds.derive(seed, 0), "run 0 is the seed itself");
            for (long k = 0; k < 100; k++) {
                all.add(Seeds.derive(seed, k));
                count++;
            }
        }
        assertEquals(count, all.size(), "10,000 derived seeds, all distinct");
        assertEquals(Seeds.derive(42, 3), Seeds.derive(42, 3), "deterministic");
        assertThrows(IllegalArgumentException.class, () -> Seeds.derive(1, -1));
    }

    @Test
    void streamsOfOneSeedDiffer() {
        Set<Long> first = new HashSet<>();
        for (Seeds.Stream s : Seeds.Stream.values()) {
            first.add(Seeds.stream(5, s).nextLong());
        }
        assertEquals(Seeds.Stream.values().length, first.size());
        assertTrue(first.stream().noneMatch(v -> v == new java.util.SplittableRandom(5).nextLong()));
    }
}
