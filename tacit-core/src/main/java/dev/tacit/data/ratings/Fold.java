package dev.tacit.data.ratings;

import java.util.Objects;

/**
 * One train/test split of ratings, as made by {@link Splits}.
 *
 * @param index the fold number, 0-based ({@code 0} for a single split)
 * @param train the ratings to fit
 * @param test the held-out ratings to evaluate on
 */
public record Fold(int index, Ratings train, Ratings test) {

    /** @throws IllegalArgumentException if the index is negative */
    public Fold {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (index < 0) {
            throw new IllegalArgumentException("fold index must be non-negative, got " + index);
        }
    }
}
