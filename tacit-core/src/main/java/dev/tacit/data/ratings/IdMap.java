package dev.tacit.data.ratings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A two-way map between string ids (user or item ids as written in a file) and dense indices
 * {@code 0..size()-1}, assigned in order of first appearance.
 *
 * <p>An id map only grows: {@link #getOrAdd(String)} appends unseen ids. Maps are shared between
 * {@link Ratings} read from related files (train and test) so that one id has one index in both; a
 * {@code Ratings} then sees the map grow when more files are read into it. Not thread-safe.
 */
public final class IdMap {

    private final List<String> ids;
    private final Map<String, Integer> index;

    /** Creates an empty map. */
    public IdMap() {
        this.ids = new ArrayList<>();
        this.index = new HashMap<>();
    }

    private IdMap(List<String> ids, Map<String, Integer> index) {
        this.ids = ids;
        this.index = index;
    }

    /**
     * @param ids distinct, non-null ids; id {@code k} gets index {@code k}
     * @return a new map holding them
     * @throws IllegalArgumentException if an id repeats
     */
    public static IdMap of(List<String> ids) {
        IdMap m = new IdMap();
        for (String id : ids) {
            int before = m.size();
            if (m.getOrAdd(id) != before) {
                throw new IllegalArgumentException("id '" + id + "' appears twice in the list");
            }
        }
        return m;
    }

    /** @return the number of ids */
    public int size() {
        return ids.size();
    }

    /**
     * @param index 0 ≤ index &lt; size()
     * @return the id at that index
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public String id(int index) {
        return ids.get(index);
    }

    /**
     * @param id an id
     * @return its index, or -1 if the map does not hold it
     */
    public int indexOf(String id) {
        Integer k = index.get(id);
        return k == null ? -1 : k;
    }

    /** @return whether the map holds {@code id} */
    public boolean contains(String id) {
        return index.containsKey(id);
    }

    /**
     * Returns the index of {@code id}, first appending it (with index {@code size()}) if absent.
     *
     * @param id a non-null id
     * @return its index
     */
    public int getOrAdd(String id) {
        Integer k = index.get(id);
        if (k != null) {
            return k;
        }
        Objects.requireNonNull(id, "id");
        int next = ids.size();
        ids.add(id);
        index.put(id, next);
        return next;
    }

    /** @return an independent map with the same ids at the same indices */
    public IdMap copy() {
        return new IdMap(new ArrayList<>(ids), new HashMap<>(index));
    }

    /** @return the ids in index order (an unmodifiable view that follows later additions) */
    public List<String> ids() {
        return Collections.unmodifiableList(ids);
    }

    @Override
    public String toString() {
        return "IdMap[" + ids.size() + " ids]";
    }
}
