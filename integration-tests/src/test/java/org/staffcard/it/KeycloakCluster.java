package org.staffcard.it;

import org.keycloak.admin.client.Keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Two Keycloak nodes on one PostgreSQL database, clustered through embedded Infinispan with JDBC_PING discovery,
 * behind a loopback balancer that owns the public address. Both nodes are told that public address
 * ({@code --hostname}), as every node behind a real load balancer is: each rebuilds the same web origin for the
 * card's signature, whichever node a request reaches.
 */
final class KeycloakCluster implements AutoCloseable {

    /** The balancer's address; no node listens here, so every browser request goes through the balancer. */
    static final int PUBLIC_PORT = 18088;
    static final String PUBLIC_URL = "http://localhost:" + PUBLIC_PORT;

    /** Several checkouts on one PostgreSQL server each name their own database with -Dstaffcard.cluster.database. */
    private static final String DATABASE = System.getProperty("staffcard.cluster.database", "staffcard_cluster_test");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final KeycloakNode a;
    private final KeycloakNode b;
    private final LoopbackBalancer balancer;
    private final Thread killOnExit;
    private Keycloak adminA;
    private Keycloak adminB;

    private KeycloakCluster(KeycloakNode a, KeycloakNode b, LoopbackBalancer balancer) {
        this.a = a;
        this.b = b;
        this.balancer = balancer;
        // Should the test JVM end without closing the cluster, its servers must not outlive it.
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

    /**
     * Builds the distribution when needed, empties the database, starts node A (which imports the staff realm),
     * waits until it is ready, then starts node B, which joins A's cluster.
     */
    static KeycloakCluster start() throws IOException, InterruptedException, SQLException {
        ClusterNodeOptions options = ClusterNodeOptions.load();
        Path workDir = Path.of("target", "keycloak-cluster").toAbsolutePath();
        KeycloakDistribution distribution = KeycloakDistribution.prepare(workDir, options);

        ClusterDatabase database = new ClusterDatabase(DATABASE);
        database.recreate();

        KeycloakNode a = new KeycloakNode("node-a", distribution.copyFor("node-a", workDir),
                new KeycloakNode.Ports(18080, 19000, 17800));
        KeycloakNode b = new KeycloakNode("node-b", distribution.copyFor("node-b", workDir),
                new KeycloakNode.Ports(18081, 19001, 17810));
        copyRealmImport(options.realmImport(), workDir.resolve("node-a"));

        KeycloakCluster cluster = new KeycloakCluster(a, b, new LoopbackBalancer(PUBLIC_PORT));
        try {
            a.start(options, PUBLIC_URL, database, true);
            a.awaitReady(START_TIMEOUT);
            b.start(options, PUBLIC_URL, database, false);
            b.awaitReady(START_TIMEOUT);
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        cluster.balancer.sendTo(a);
        return cluster;
    }

    private static void copyRealmImport(String fileName, Path nodeHome) throws IOException {
        Path importDir = Files.createDirectories(nodeHome.resolve("data/import"));
        try (InputStream realm = KeycloakCluster.class.getResourceAsStream("/" + fileName)) {
            if (realm == null) {
                throw new IllegalStateException(fileName + " is not on the test class path (realm-config jar)");
            }
            Files.copy(realm, importDir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        }
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

    /** The admin REST API of node A, called on that node directly, not through the balancer. */
    synchronized Keycloak adminOfA() {
        if (adminA == null) {
            adminA = admin(a);
        }
        return adminA;
    }

    /** The admin REST API of node B, called on that node directly, not through the balancer. */
    synchronized Keycloak adminOfB() {
        if (adminB == null) {
            adminB = admin(b);
        }
        return adminB;
    }

    private static Keycloak admin(KeycloakNode node) {
        return Keycloak.getInstance(node.directUrl(), "master", KeycloakNode.ADMIN_USER, KeycloakNode.ADMIN_PASSWORD,
                "admin-cli");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (adminA != null) {
            adminA.close();
        }
        if (adminB != null) {
            adminB.close();
        }
        balancer.close();
        b.stop();
        a.stop();
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }
}
