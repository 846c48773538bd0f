package org.staffcard.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Keycloak server process of the cluster, started from its own copy of the built distribution with
 * {@code kc.sh start}, bound to loopback only, and ended by the process ids it was started with.
 */
final class KeycloakNode {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "cluster-admin-Passw0rd";

    /** Infinispan's log line for a new cluster view: "... ISPN000094: Received new cluster view ... (2) [a, b]". */
    private static final Pattern CLUSTER_VIEW = Pattern.compile("ISPN000094: .*\\|\\d+] \\((\\d+)\\)");

    private final String name;
    private final Path home;
    private final Ports ports;
    private final Path log;
    private Process process;

    /** The loopback ports of one node: its HTTP listener, its management interface and its cluster transport. */
    record Ports(int http, int management, int cluster) {
    }

    KeycloakNode(String name, Path home, Ports ports) {
        this.name = name;
        this.home = home;
        this.ports = ports;
        this.log = home.resolve("keycloak.log");
    }

    /**
     * Starts the server in the background with the shared options, this node's loopback addresses, the public URL
     * all nodes answer for, and the database.
     */
    void start(ClusterNodeOptions options, String publicUrl, ClusterDatabase database, boolean importRealm)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start"));
        command.addAll(options.startOptions());
        command.addAll(List.of(
                "--db-url=" + database.jdbcUrl(),
                "--db-username=" + ClusterDatabase.USER,
                "--hostname=" + publicUrl,
                "--http-host=127.0.0.1",
                "--http-port=" + ports.http(),
                "--http-management-host=127.0.0.1",
                "--http-management-port=" + ports.management(),
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + ports.cluster(),
                "--log-level=INFO,org.staffcard:debug"));
        if (importRealm) {
            command.add("--import-realm");
        }

        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // A small heap is plenty for a test node and keeps two nodes and the test within a small machine.
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        process = builder.start();
        System.out.printf("[cluster] %s started (kc.sh pid %d), http 127.0.0.1:%d, management 127.0.0.1:%d, "
                + "cluster transport 127.0.0.1:%d, log %s%n", name, process.pid(), ports.http(), ports.management(),
                ports.cluster(), log);
    }

    /** Waits for {@code /health/ready} on the management interface, saying every ten seconds how long it took. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://127.0.0.1:" + ports.management() + "/health/ready");
        long start = System.nanoTime();
        long lastReport = start;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting (exit code " + process.exitValue()
                        + "):\n" + KeycloakDistribution.tail(log, 30));
            }
            if (answersReady(http, ready)) {
                System.out.printf("[cluster] %s ready after %d s%n", name, elapsedSeconds(start));
                return;
            }
            long now = System.nanoTime();
            if (Duration.ofNanos(now - start).compareTo(timeout) > 0) {
                throw new IllegalStateException(name + " not ready within " + timeout + ":\n"
                        + KeycloakDistribution.tail(log, 30));
            }
            if (Duration.ofNanos(now - lastReport).toSeconds() >= 10) {
                System.out.printf("[cluster] %s still starting (%d s)%n", name, elapsedSeconds(start));
                lastReport = now;
            }
            Thread.sleep(500);
        }
    }

    private static boolean answersReady(HttpClient http, URI ready) throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** How many members the last cluster view in this node's log has, or 0 when it has logged none. */
    int lastClusterViewSize() throws IOException {
        int size = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher view = CLUSTER_VIEW.matcher(line);
            if (view.find()) {
                size = Integer.parseInt(view.group(1));
            }
        }
        return size;
    }

    /** Ends the server as a crash or a lost machine would: SIGKILL to the Java process and to its start script. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        for (ProcessHandle child : process.descendants().toList()) {
            System.out.printf("[cluster] killing %s's server process %d%n", name, child.pid());
            child.destroyForcibly();
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the server as an operator would (SIGTERM, which the start script passes on), then by force. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            System.out.printf("[cluster] %s did not stop within 30 s; killing it%n", name);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        process.destroyForcibly();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The node's own address, which only the tests and the balancer use: browsers use the public URL. */
    String directUrl() {
        return "http://127.0.0.1:" + ports.http();
    }

    int httpPort() {
        return ports.http();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    private static long elapsedSeconds(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toSeconds();
    }
}
