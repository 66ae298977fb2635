package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reads a generated 2-million-line MovieLens-style file: streaming, primitive columns, no duplicates. */
class StreamingReadTest {

    private static final int LINES = 2_000_000;
    private static final int ITEMS_PER_USER = 200;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void readsTwoMillionLines() throws IOException {
        Path f = dir.resolve("big.base");
        long ratingSum = 0;
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            StringBuilder b = new StringBuilder(64);
            for (int k = 0; k < LINES; k++) {
                int user = k / ITEMS_PER_USER;
                int item = (int) ((k * 7919L) % 2000);
                int rating = 1 + (k * 31 + user) % 5;
                ratingSum += rating;
                b.setLength(0);
                b.append(user + 1).append('\t').append(item + 1).append('\t').append(rating).append('\t')
                        .append(880000000 + k).append('\n');
                w.append(b);
            }
        }
        Ratings r = RatingsReader.defaults().read(f);
        assertEquals(LINES, r.size());
        assertEquals(LINES / ITEMS_PER_USER, r.numUsers());
        assertEquals(2000, r.numItems());
        assertEquals((double) ratingSum / LINES, r.mean(), 1e-9);
        assertEquals(1.0, r.min());
        assertEquals(5.0, r.max());
        int last = LINES - 1;
        assertEquals(Integer.toString(last / ITEMS_PER_USER + 1), r.userId(last));
        assertEquals(Integer.toString((int) ((last * 7919L) % 2000) + 1), r.itemId(last));
        assertEquals(1 + (last * 31 + last / ITEMS_PER_USER) % 5, r.value(last));
    }
}
