package dev.tacit.data.ratings;

/**
 * The layouts of rating files that {@link RatingsReader} reads, recognized from the content of a file
 * by {@link RatingsReader#detect(java.nio.file.Path)}. Every row is {@code user item rating [timestamp]};
 * a timestamp, when present, is ignored.
 */
public enum RatingsFormat {
    /**
     * MovieLens 100K ({@code u.data}, {@code u1.base}): {@code user\titem\trating\ttimestamp}, 3 or 4
     * tab-separated fields, no header row.
     */
    MOVIELENS_TAB("tabs"),
    /** MovieLens 1M/10M ({@code ratings.dat}): {@code user::item::rating::timestamp}, 3 or 4 fields. */
    DOUBLE_COLON("'::'"),
    /**
     * Comma-separated {@code user,item,rating[,timestamp]} with an optional header row (MovieLens
     * 20M/25M {@code ratings.csv}); fields may be enclosed in double quotes.
     */
    CSV("commas"),
    /** Tab-separated like {@link #MOVIELENS_TAB}, but starting with a header row. */
    TSV("tabs"),
    /** {@code user item rating [timestamp]} separated by runs of spaces, with an optional header row. */
    SPACE("spaces"),
    /**
     * Matrix Market coordinate format ({@code %%MatrixMarket matrix coordinate real general}, or
     * {@code integer}): {@code %} comment lines, a size line {@code rows cols nnz}, then nnz 1-based
     * {@code row col value} lines. The ids are the 1-based row and column numbers as strings; every row
     * and column gets one, rated or not, in order ("1".."rows"), so that with fresh id maps
     * {@link Ratings#numUsers()} is the row count and index = number - 1.
     */
    MATRIX_MARKET("spaces");

    private final String separator;

    RatingsFormat(String separator) {
        this.separator = separator;
    }

    /** @return how the fields are separated, in words, for messages ("tabs", "commas", ...) */
    String separator() {
        return separator;
    }
}
