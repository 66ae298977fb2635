package dev.tacit.data.ratings;

/**
 * What a {@link RatingsReader} does when one (user, item) pair is rated more than once in one file.
 * Whatever the policy, the result holds each pair once, at the position of its first occurrence.
 */
public enum DuplicatePolicy {
    /** Reject the file: a {@link RatingsFormatException} names the lines of both occurrences (default). */
    ERROR,
    /** Keep the rating of the last occurrence in the file. */
    LAST,
    /** Keep the mean of all the pair's ratings. */
    MEAN
}
