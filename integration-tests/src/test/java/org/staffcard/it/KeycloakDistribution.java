package org.staffcard.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak distribution zip from the local Maven repository, unpacked once under {@code target/}, with our
 * providers and theme in {@code providers/} and built for production ({@code kc.sh build}). The build is repeated
 * only when the jars or the build options change, since it takes most of a minute.
 */
final class KeycloakDistribution {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final String STAMP = ".staffcard-build";

    private final Path home;

    private KeycloakDistribution(Path home) {
        this.home = home;
    }

    /** Unpacks (when not yet done) and builds the distribution under {@code workDir}. */
    static KeycloakDistribution prepare(Path workDir, ClusterNodeOptions options) throws IOException,
            InterruptedException {
        String version = options.keycloakVersion();
        Path home = workDir.resolve("keycloak-" + version);
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            Path zip = distributionZip(version);
            System.out.printf("[cluster] unpacking %s into %s%n", zip.getFileName(), workDir);
            unzip(zip, workDir);
        }
        KeycloakDistribution distribution = new KeycloakDistribution(home);
        distribution.buildWith(providerJars(), options.buildOptions());
        return distribution;
    }

    /** A node's own copy of the built server, so nodes share nothing on disk (data/, logs, temporary files). */
    Path copyFor(String nodeName, Path workDir) throws IOException {
        Path target = workDir.resolve(nodeName);
        deleteTree(target);
        copyTree(home, target);
        return target;
    }

    private void buildWith(List<Path> jars, List<String> buildOptions) throws IOException, InterruptedException {
        String stamp = stampOf(jars, buildOptions);
        Path stampFile = home.resolve(STAMP);
        if (Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) {
            // The jars are left untouched: Keycloak refuses --optimized when a provider is newer than its build.
            System.out.println("[cluster] the distribution is already built with these providers and options");
            return;
        }

        Path providers = home.resolve("providers");
        try (Stream<Path> old = Files.list(providers)) {
            for (Path jar : old.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.delete(jar);
            }
        }
        for (Path jar : jars) {
            Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }

        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        System.out.printf("[cluster] kc.sh build %s (about a minute)%n", String.join(" ", buildOptions));
        Path log = home.resolve("build.log");
        Process build = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build did not finish within " + BUILD_TIMEOUT + "; see " + log);
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed with exit code " + build.exitValue() + ":\n"
                    + tail(log, 20));
        }
        Files.writeString(stampFile, stamp);
    }

    /** The providers jar (shaded with the wire format; not the original-* jar) and the theme jar of this build. */
    static List<Path> providerJars() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        return List.of(onlyJar(root.resolve("authenticator-spi/target"), "authenticator-spi-"),
                onlyJar(root.resolve("themes/target"), "themes-"));
    }

    private static Path onlyJar(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " does not exist: run `mvn install -DskipTests` first");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".jar") && !name.endsWith("-sources.jar");
            }).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one " + prefix + "*.jar in " + dir + ", found " + jars);
            }
            return jars.get(0);
        }
    }

    private static Path distributionZip(String version) {
        String name = "keycloak-quarkus-dist-" + version + ".zip";
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith(name)) {
                return Path.of(entry);
            }
        }
        String repository = System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository");
        Path zip = Path.of(repository, "org/keycloak/keycloak-quarkus-dist", version, name);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: `mvn install` in the project root downloads it");
        }
        return zip;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                if (target.getFileName().toString().endsWith(".sh")) {
                    // Zip entries carry no Unix permissions through ZipInputStream; the scripts must run.
                    Files.setPosixFilePermissions(target, Set.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE));
                }
            }
        }
    }

    private static String stampOf(List<Path> jars, List<String> buildOptions) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path jar : jars) {
                try (InputStream in = Files.newInputStream(jar)) {
                    digest.update(in.readAllBytes());
                }
            }
            digest.update(String.join(" ", buildOptions).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
