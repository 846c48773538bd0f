package org.staffcard.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sample app from sample-apps/: Debian's apache2 started in the foreground as a child of this JVM with the app's
 * own configuration, listening on 127.0.0.1 only, with its pid file, logs and keys in a folder under target/. It is
 * stopped by its process id; the system's apache2 service is never touched.
 */
final class ApacheHttpd implements AutoCloseable {

    static final Path SAMPLE_APPS = Path.of("..", "sample-apps").toAbsolutePath().normalize();
    private static final Path APACHE = Path.of("/usr/sbin/apache2");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String app;
    private final Process process;
    private final Path runDir;

    private ApacheHttpd(String app, Process process, Path runDir) {
        this.app = app;
        this.process = process;
        this.runDir = runDir;
    }

    /** A fresh folder for the app's pid file, logs and keys; files the app needs go there before it starts. */
    static Path runDir(String app) throws IOException {
        Path dir = Path.of("target", "apache", app).toAbsolutePath();
        Files.createDirectories(dir);
        for (String stale : List.of("httpd.pid", "error.log", "access.log", "console.log")) {
            Files.deleteIfExists(dir.resolve(stale));
        }
        return dir;
    }

    /** Starts sample-apps/{app}.conf and waits until it answers on its loopback port. */
    static ApacheHttpd start(String app, int port, Path runDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(APACHE)) {
            throw new IllegalStateException("Apache httpd is not installed: run bin/prerequisites.sh (it installs "
                    + "apache2, libapache2-mod-auth-openidc and libapache2-mod-auth-mellon)");
        }
        if (answers(port)) {
            throw new IllegalStateException("Port " + port + " is already in use: stop what runs there (a sample "
                    + "app of demo.sh or an earlier run?) and run the tests again");
        }

        // setsid puts Apache in a session of its own: when it stops it signals its whole process group, which
        // would otherwise be this JVM and Maven. The process is not a group leader, so setsid execs in place and
        // the process id stays Apache's.
        ProcessBuilder builder = new ProcessBuilder("setsid", APACHE.toString(), "-f",
                SAMPLE_APPS.resolve(app + ".conf").toString(), "-DFOREGROUND")
                .redirectErrorStream(true)
                .redirectOutput(runDir.resolve("console.log").toFile());
        builder.environment().put("SAMPLE_APPS", SAMPLE_APPS.toString());
        builder.environment().put("APP_RUN_DIR", runDir.toString());
        builder.environment().put("KEYCLOAK_URL", CardStack.KEYCLOAK_ORIGIN);
        builder.environment().put("OIDC_CRYPTO_PASSPHRASE", randomPassphrase());
        ApacheHttpd httpd = new ApacheHttpd(app, builder.start(), runDir);
        Runtime.getRuntime().addShutdownHook(new Thread(httpd::close));

        httpd.awaitPort(port);
        return httpd;
    }

    /** Stops this Apache by its own process id; the parent takes its worker processes down with it. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The end of the app's error log, to explain a failed sign-in in the test's message. */
    String errorLogTail() {
        try {
            List<String> lines = Files.readAllLines(runDir.resolve("error.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no error log: " + e.getMessage() + ")";
        }
    }

    private void awaitPort(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!answers(port)) {
            if (!process.isAlive()) {
                String console = Files.readString(runDir.resolve("console.log"));
                throw new IllegalStateException("Apache for " + app + " stopped while starting:\n" + console
                        + "\n" + errorLogTail());
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("Apache for " + app + " did not listen on 127.0.0.1:" + port
                        + " within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String randomPassphrase() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
