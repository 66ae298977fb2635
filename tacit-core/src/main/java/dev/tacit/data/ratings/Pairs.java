package dev.tacit.data.ratings;

import java.nio.file.Path;
import java.util.List;

/**
 * (user id, item id) pairs to predict, as read by {@link PairsReader}: {@code users().get(k)} and
 * {@code items().get(k)} form pair k. Ids are the strings of the file.
 *
 * @param users the user ids, one per pair (unmodifiable)
 * @param items the item ids, one per pair (unmodifiable)
 * @param source the file they came from, or null
 */
public record Pairs(List<String> users, List<String> items, Path source) {

    /**
     * @throws IllegalArgumentException if the lists differ in length
     * @throws NullPointerException if a list or an id is null
     */
    public Pairs {
        users = List.copyOf(users);
        items = List.copyOf(items);
        if (users.size() != items.size()) {
            throw new IllegalArgumentException("users and items differ in length: " + users.size() + " and "
                    + items.size());
        }
    }

    /** @return the number of pairs */
    public int size() {
        return users.size();
    }
}
