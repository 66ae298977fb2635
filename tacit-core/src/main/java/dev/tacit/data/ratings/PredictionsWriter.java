package dev.tacit.data.ratings;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes predictions as CSV with the original string ids and a header row: {@code user,item,rating,prediction}
 * for test ratings, {@code user,item,prediction} for requested pairs. Numbers are written at full
 * precision ({@link Double#toString(double)}), so they read back exactly. The file is written to a
 * temporary file in the same directory, then moved over the target atomically where the file system
 * allows (otherwise replacing it), so a reader never sees half a file. Ids holding a comma, a quote or
 * surrounding spaces are quoted; the result reads back with {@link RatingsReader} and {@link PairsReader}.
 */
public final class PredictionsWriter {

    private PredictionsWriter() {
    }

    /** Writes one CSV row. */
    private interface Rows {
        void write(Writer out) throws IOException;
    }

    /**
     * @param file the file to write (replaced if present; its directory is created if needed)
     * @param test the rated pairs
     * @param predictions one prediction per rating of {@code test}
     * @throws IllegalArgumentException if the lengths differ
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Ratings test, double[] predictions) throws IOException {
        check(test.size(), predictions.length);
        IdMap u = test.userIds();
        IdMap i = test.itemIds();
        writeAtomically(file, out -> {
            out.write("user,item,rating,prediction\n");
            for (int k = 0; k < test.size(); k++) {
                out.write(csv(u.id(test.user(k))));
                out.write(',');
                out.write(csv(i.id(test.item(k))));
                out.write(',');
                out.write(Double.toString(test.value(k)));
                out.write(',');
                out.write(Double.toString(predictions[k]));
                out.write('\n');
            }
        });
    }

    /**
     * @param file the file to write (replaced if present; its directory is created if needed)
     * @param pairs the requested pairs
     * @param predictions one prediction per pair
     * @throws IllegalArgumentException if the lengths differ
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Pairs pairs, double[] predictions) throws IOException {
        check(pairs.size(), predictions.length);
        writeAtomically(file, out -> {
            out.write("user,item,prediction\n");
            for (int k = 0; k < pairs.size(); k++) {
                out.write(csv(pairs.users().get(k)));
                out.write(',');
                out.write(csv(pairs.items().get(k)));
                out.write(',');
                out.write(Double.toString(predictions[k]));
                out.write('\n');
            }
        });
    }

    private static void check(int rows, int predictions) {
        if (rows != predictions) {
            throw new IllegalArgumentException(predictions + " predictions for " + rows + " rows");
        }
    }

    private static void writeAtomically(Path file, Rows rows) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            BufferedWriter out = null;
            while (out == null) {
                tmp = dir.resolve("." + target.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
                try {
                    out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null;
                }
            }
            try (BufferedWriter w = out) {
                rows.write(w);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** @return the id as a CSV field, quoted when it holds a comma, a quote, a line end or edge spaces */
    static String csv(String id) {
        boolean quote = !id.isEmpty() && (id.charAt(0) <= ' ' || id.charAt(id.length() - 1) <= ' ');
        for (int k = 0; k < id.length() && !quote; k++) {
            char c = id.charAt(k);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + id.replace("\"", "\"\"") + '"' : id;
    }
}
