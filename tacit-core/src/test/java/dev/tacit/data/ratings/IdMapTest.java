package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdMapTest {

    @Test
    void indicesFollowFirstAppearance() {
        IdMap m = new IdMap();
        assertEquals(0, m.getOrAdd("196"));
        assertEquals(1, m.getOrAdd("186"));
        assertEquals(0, m.getOrAdd("196"));
        assertEquals(2, m.getOrAdd("22"));
        assertEquals(3, m.size());
        assertEquals("186", m.id(1));
        assertEquals(2, m.indexOf("22"));
        assertEquals(-1, m.indexOf("999"));
        assertTrue(m.contains("196"));
        assertFalse(m.contains("999"));
        assertEquals(List.of("196", "186", "22"), m.ids());
    }

    @Test
    void idsViewIsUnmodifiable() {
        IdMap m = IdMap.of(List.of("a", "b"));
        assertThrows(UnsupportedOperationException.class, () -> m.ids().add("c"));
        assertThrows(IndexOutOfBoundsException.class, () -> m.id(2));
    }

    @Test
    void copyIsIndependent() {
        IdMap m = IdMap.of(List.of("a", "b"));
        IdMap c = m.copy();
        c.getOrAdd("z");
        assertEquals(2, m.size());
        assertEquals(3, c.size());
        assertEquals(-1, m.indexOf("z"));
        assertEquals(1, c.indexOf("b"));
    }

    @Test
    void ofRejectsRepeatedIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdMap.of(List.of("a", "b", "a")));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }
}
