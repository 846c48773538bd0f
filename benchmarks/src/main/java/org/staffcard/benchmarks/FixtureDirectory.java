package org.staffcard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks keep their files: {@code benchmark-fixtures} in the module's {@code target} folder, found
 * from where these classes were loaded (target/classes or target/benchmarks.jar), so that JMH's forked JVMs and
 * later runs find the same stored CRL whatever folder the command was started in.
 */
public final class FixtureDirectory {

    /** Overrides the folder, for a run from a jar copied elsewhere. */
    public static final String PROPERTY = "staffcard.benchmark.fixtures";

    private FixtureDirectory() {
    }

    public static Path get() {
        String configured = System.getProperty(PROPERTY);
        Path directory = configured != null ? Path.of(configured) : besideTheClasses();
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("benchmark fixture folder " + directory + " cannot be made", e);
        }
    }

    private static Path besideTheClasses() {
        try {
            Path loadedFrom = Path.of(FixtureDirectory.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            return loadedFrom.toAbsolutePath().getParent().resolve("benchmark-fixtures");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the benchmark classes were loaded from an unusable location", e);
        }
    }
}
