package dev.tacit.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code standards enforced by a test (as EJML's TestEnforceCodeStandards): only {@code linalg} touches the
 * numeric libraries, the library never prints, and every package documents itself.
 */
class CodeStandardsTest {

    private static final Path MAIN = Path.of("src/main/java/dev/tacit");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void onlyLinalgTouchesTheNumericBackend() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources()) {
            if (p.startsWith(MAIN.resolve("linalg"))) {
                continue;
            }
            String text = Files.readString(p);
            if (text.contains("org.bytedeco") || text.contains("org.ejml") || text.contains("dev.ludovic")) {
                offenders.add(p.toString());
            }
        }
        assertTrue(offenders.isEmpty(), "numeric libraries used outside linalg: " + offenders);
    }

    @Test
    void libraryNeverPrints() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources()) {
            String text = Files.readString(p);
            if (text.contains("System.out") || text.contains("System.err") || text.contains("printStackTrace")) {
                offenders.add(p.toString());
            }
        }
        assertTrue(offenders.isEmpty(), "printing in the library: " + offenders);
    }

    @Test
    void everyPackageHasPackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                boolean hasJava;
                try (Stream<Path> files = Files.list(d)) {
                    hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
                }
                if (hasJava && !Files.exists(d.resolve("package-info.java"))) {
                    missing.add(d.toString());
                }
            }
        }
        assertTrue(missing.isEmpty(), "packages without package-info.java: " + missing);
    }
}
