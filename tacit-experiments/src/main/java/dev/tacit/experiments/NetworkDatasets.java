package dev.tacit.experiments;

import dev.tacit.data.table.SupervisedTable;
import dev.tacit.data.table.SupervisedTableReader;
import dev.tacit.data.table.TableFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of {@link Hou2025Network} and where they come from.
 *
 * <ul>
 *   <li>digits ({@code digits.csv.gz}, 1797×64, 10 classes) and wine ({@code wine_data.csv}, 178×13, 3 classes):
 *   bundled (UCI, CC BY 4.0; see data/README.md); a file of the same name in the data folder replaces the bundled
 *   copy.
 *   <li>diabetes ({@code diabetes_data_raw.csv.gz} + {@code diabetes_target.csv.gz}, 442×10, regression): never
 *   shipped; read from the data folder, else {@code ../shared/data/tabular} or {@code /work/shared/data/tabular};
 *   skipped when absent.
 * </ul>
 *
 * The data folder is the system property {@value #PROPERTY}, else the environment variable {@value #ENV}.
 */
final class NetworkDatasets {

    /** System property naming the data folder. */
    static final String PROPERTY = "tacit.tabular";
    /** Environment variable naming the data folder. */
    static final String ENV = "TACIT_TABULAR";

    /**
     * One loaded table.
     *
     * @param name dataset name
     * @param table the examples
     * @param source where it was read from
     */
    record Dataset(String name, SupervisedTable table, String source) {
    }

    private final Path folder;
    private final List<Path> sharedFolders;

    /**
     * @param folder the data folder, or null
     * @param sharedFolders where to look for the in-house diabetes files after the data folder
     */
    NetworkDatasets(Path folder, List<Path> sharedFolders) {
        this.folder = folder;
        this.sharedFolders = sharedFolders;
    }

    /** @return the sources configured for this JVM (property, environment, shared folders) */
    static NetworkDatasets fromEnvironment() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(ENV);
        }
        Path folder = dir == null || dir.isBlank() ? null : Path.of(dir);
        return new NetworkDatasets(folder, List.of(Path.of("../shared/data/tabular"), Path.of("/work/shared/data/tabular")));
    }

    /**
     * Loads every available dataset.
     *
     * @return digits, wine and, when found, diabetes
     * @throws BadInputException when a file is malformed (the message names the file and line) or the data folder
     *     does not exist
     * @throws IOException when a file cannot be read
     */
    List<Dataset> load() throws BadInputException, IOException {
        if (folder != null && !Files.isDirectory(folder)) {
            throw new BadInputException("data folder " + folder + " (from -D" + PROPERTY + " or " + ENV
                    + ") does not exist");
        }
        List<Dataset> out = new ArrayList<>();
        try {
            out.add(classification("digits", "digits.csv.gz", 10));
            out.add(classification("wine", "wine_data.csv", 3));
            Path dir = diabetesFolder();
            if (dir != null) {
                Path x = dir.resolve("diabetes_data_raw.csv.gz");
                Path y = dir.resolve("diabetes_target.csv.gz");
                out.add(new Dataset("diabetes", SupervisedTableReader.regression(x, y), x.toString()));
            }
        } catch (TableFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        return out;
    }

    private Dataset classification(String name, String file, int classes) throws IOException {
        if (folder != null && Files.exists(folder.resolve(file))) {
            Path p = folder.resolve(file);
            return new Dataset(name, SupervisedTableReader.classification(p, classes), p.toString());
        }
        try (InputStream in = NetworkDatasets.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + file + " is missing from the jar");
            }
            return new Dataset(name, SupervisedTableReader.classification(in, Path.of(file), classes),
                    "bundled " + file);
        }
    }

    private Path diabetesFolder() {
        List<Path> candidates = new ArrayList<>();
        if (folder != null) {
            candidates.add(folder);
        }
        candidates.addAll(sharedFolders);
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("diabetes_data_raw.csv.gz"))
                    && Files.isRegularFile(c.resolve("diabetes_target.csv.gz"))) {
                return c;
            }
        }
        return null;
    }
}
