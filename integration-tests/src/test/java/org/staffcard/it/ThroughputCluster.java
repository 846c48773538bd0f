package org.staffcard.it;

import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The cluster the sign-in throughput is measured on: built and started exactly as {@link KeycloakCluster} does, on
 * ports, a folder and a database of its own so it can run while the cluster tests run. The second node is started
 * only when asked, so the one-node figures come from a server that shares its caches with nobody.
 */
final class ThroughputCluster implements AutoCloseable {

    static final int PUBLIC_PORT = 28088;
    static final String PUBLIC_URL = "http://localhost:" + PUBLIC_PORT;

    static final String DATABASE = "staffcard_throughput";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final ClusterNodeOptions options;
    private final ClusterDatabase database;
    private final KeycloakNode a;
    private final KeycloakNode b;
    private final LoopbackBalancer balancer;
    private final Thread killOnExit;
    private Keycloak adminA;

    private ThroughputCluster(ClusterNodeOptions options, ClusterDatabase database, KeycloakNode a, KeycloakNode b,
            LoopbackBalancer balancer) {
        this.options = options;
        this.database = database;
        this.a = a;
        this.b = b;
        this.balancer = balancer;
        // Should the JVM end without closing the cluster, its servers must not outlive it.
        this.killOnExit = new Thread(() -> {
            try {
                a.kill();
                b.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Builds the distribution when needed, empties the database and starts node A, which imports the realm. */
    static ThroughputCluster startFirstNode() throws IOException, InterruptedException, SQLException {
        ClusterNodeOptions options = ClusterNodeOptions.load();
        Path workDir = Path.of("target", "keycloak-throughput").toAbsolutePath();
        KeycloakDistribution distribution = KeycloakDistribution.prepare(workDir, options);
        ClusterDatabase database = new ClusterDatabase(DATABASE);
        database.recreate();

        KeycloakNode a = new KeycloakNode("node-a", distribution.copyFor("node-a", workDir),
                new KeycloakNode.Ports(28080, 29010, 17820));
        KeycloakNode b = new KeycloakNode("node-b", distribution.copyFor("node-b", workDir),
                new KeycloakNode.Ports(28081, 29011, 17830));
        copyRealmImport(options.realmImport(), workDir.resolve("node-a"));

        ThroughputCluster cluster = new ThroughputCluster(options, database, a, b,
                new LoopbackBalancer(PUBLIC_PORT));
        try {
            a.start(options, PUBLIC_URL, database, true);
            a.awaitReady(START_TIMEOUT);
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        cluster.balancer.sendTo(a);
        return cluster;
    }

    /** Starts node B, which joins node A's cluster, and waits until it is ready. */
    void startSecondNode() throws IOException, InterruptedException {
        b.start(options, PUBLIC_URL, database, false);
        b.awaitReady(START_TIMEOUT);
    }

    /** Every request through the balancer goes to node A. */
    void useOneNode() {
        balancer.sendTo(a);
    }

    /** Requests through the balancer alternate between node A and node B. */
    void useBothNodes() {
        balancer.rotateAmong(List.of(a, b));
    }

    KeycloakNode nodeA() {
        return a;
    }

    KeycloakNode nodeB() {
        return b;
    }

    LoopbackBalancer balancer() {
        return balancer;
    }

    /** The admin REST API of node A, called on that node directly. */
    synchronized Keycloak adminOfA() {
        if (adminA == null) {
            adminA = Keycloak.getInstance(a.directUrl(), "master", KeycloakNode.ADMIN_USER,
                    KeycloakNode.ADMIN_PASSWORD, "admin-cli");
        }
        return adminA;
    }

    private static void copyRealmImport(String fileName, Path nodeHome) throws IOException {
        Path importDir = Files.createDirectories(nodeHome.resolve("data/import"));
        try (InputStream realm = ThroughputCluster.class.getResourceAsStream("/" + fileName)) {
            if (realm == null) {
                throw new IllegalStateException(fileName + " is not on the test class path (realm-config jar)");
            }
            Files.copy(realm, importDir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (adminA != null) {
            adminA.close();
        }
        balancer.close();
        b.stop();
        a.stop();
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }
}
