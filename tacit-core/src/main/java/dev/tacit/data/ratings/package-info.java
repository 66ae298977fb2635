/**
 * Real rating data for matrix completion (MovieLens and the like): reading rating files into
 * {@link dev.tacit.data.ratings.Ratings} with {@link dev.tacit.data.ratings.RatingsReader} (formats in
 * {@link dev.tacit.data.ratings.RatingsFormat}, told apart by content, never by extension), string ids
 * mapped to dense indices by {@link dev.tacit.data.ratings.IdMap}, prediction requests read by
 * {@link dev.tacit.data.ratings.PairsReader}, seeded train/test {@link dev.tacit.data.ratings.Splits},
 * cold-start counts ({@link dev.tacit.data.ratings.ColdStart}) and the
 * {@link dev.tacit.data.ratings.PredictionsWriter}.
 *
 * <p>Readers stream line by line into primitive arrays, so files of tens of millions of ratings load
 * in a heap of about 16 bytes per rating plus the ids. Every malformed input is reported by a
 * {@link dev.tacit.data.ratings.RatingsFormatException} naming the file and the 1-based line.
 */
package dev.tacit.data.ratings;
