package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sign-in throughput of the staff card with a password against a password alone, on one Keycloak node and on two
 * behind the round-robin balancer, all on the same servers. It runs only when asked:
 * {@code mvn -pl integration-tests test -Dtest=SignInThroughputHarness -Dstaffcard.load=true}; its results go to
 * standard output and to {@code target/sign-in-throughput.md}.
 *
 * <p>The simulated browsers, their cards and the balancer run in this JVM on the same machine as Keycloak and
 * PostgreSQL, so on a small machine they take CPU from the servers; the per-sign-in CPU of the Keycloak JVMs is
 * therefore reported beside the throughput.
 */
@Tag("load")
class SignInThroughputHarness {

    private static final int BROWSERS = Integer.getInteger("staffcard.load.browsers", 8);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("staffcard.load.warmUpSeconds", 30));
    private static final Duration MEASURED =
            Duration.ofSeconds(Integer.getInteger("staffcard.load.measuredSeconds", 60));

    @Test
    void measuresCardAndPasswordAgainstPasswordOnlyOnOneAndTwoNodes() throws Exception {
        assumeTrue(Boolean.getBoolean("staffcard.load"), "sign-in throughput runs only with -Dstaffcard.load=true");
        assumeTrue(ClusterDatabase.reachable(), "PostgreSQL does not answer on 127.0.0.1:5432 for user postgres");

        List<ScenarioResult> results = new ArrayList<>();
        try (ThroughputCluster cluster = ThroughputCluster.startFirstNode()) {
            List<ThroughputRealm.StaffAccount> accounts =
                    ThroughputRealm.prepare(cluster.adminOfA().realm("staff"), BROWSERS);
            List<SimulatedBrowser> browsers = accounts.stream()
                    .map(account -> new SimulatedBrowser(ThroughputCluster.PUBLIC_URL, account)).toList();
            expectEachPathSignsInAsItClaims(browsers.get(0), accounts.get(0));

            cluster.useOneNode();
            List<Long> oneNode = List.of(serverPid(cluster.nodeA()));
            for (SignInPath path : List.of(SignInPath.PASSWORD_ONLY, SignInPath.CARD_AND_PASSWORD)) {
                results.add(new ThroughputScenario("1 node", path, browsers, oneNode,
                        ThroughputCluster.DATABASE, WARM_UP, MEASURED).run());
            }

            cluster.startSecondNode();
            cluster.useBothNodes();
            List<Long> twoNodes = List.of(serverPid(cluster.nodeA()), serverPid(cluster.nodeB()));
            for (SignInPath path : List.of(SignInPath.PASSWORD_ONLY, SignInPath.CARD_AND_PASSWORD)) {
                results.add(new ThroughputScenario("2 nodes", path, browsers, twoNodes,
                        ThroughputCluster.DATABASE, WARM_UP, MEASURED).run());
            }
            assertThat(cluster.balancer().requestsTo(cluster.nodeB())).as("requests node B answered").isPositive();
        }

        String report = report(results);
        System.out.println(report);
        Files.writeString(Path.of("target", "sign-in-throughput.md"), report);
        for (ScenarioResult result : results) {
            assertThat(result.failures()).as("failed sign-ins in %s, %s: %s", result.name(), result.path().label(),
                    result.firstFailure()).isZero();
            assertThat(result.signIns()).as("sign-ins in %s, %s", result.name(), result.path().label()).isPositive();
        }
    }

    /** One sign-in on each path before measuring, with the ID token's signature and claims checked. */
    private static void expectEachPathSignsInAsItClaims(SimulatedBrowser browser, ThroughputRealm.StaffAccount account)
            throws Exception {
        String realmUrl = ThroughputCluster.PUBLIC_URL + "/realms/staff";
        JsonNode card = IdTokens.verifiedClaims(realmUrl,
                browser.signIn(SignInPath.CARD_AND_PASSWORD).path("id_token").asText());
        JsonNode password = IdTokens.verifiedClaims(realmUrl,
                browser.signIn(SignInPath.PASSWORD_ONLY).path("id_token").asText());

        assertThat(card.path("preferred_username").asText()).isEqualTo(account.username());
        assertThat(card.path("acr").asText()).isEqualTo("card-password");
        assertThat(password.path("preferred_username").asText()).isEqualTo(account.username());
        assertThat(password.path("azp").asText()).isEqualTo(ThroughputRealm.PASSWORD_CLIENT_ID);
        assertThat(password.path("acr").asText()).isNotEqualTo("card-password");
    }

    /** The Java process of a node: the one whose arguments name the node's own copy of the distribution. */
    private static long serverPid(KeycloakNode node) {
        String home = node.log().getParent().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(home)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Java process of " + node.name()))
                .pid();
    }

    private static String report(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Machine: %d cores (nproc), JDK %s, %d browsers, %d s warm-up, "
                        + "%d s measured per scenario%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"), BROWSERS, WARM_UP.toSeconds(), MEASURED.toSeconds()));
        out.append(ScenarioResult.tableHeader()).append('\n');
        results.forEach(result -> out.append(result.tableRow()).append('\n'));
        out.append('\n');
        for (String name : List.of("1 node", "2 nodes")) {
            ScenarioResult password = find(results, name, SignInPath.PASSWORD_ONLY);
            ScenarioResult card = find(results, name, SignInPath.CARD_AND_PASSWORD);
            out.append(String.format(Locale.ROOT, "%s: card + password / password only = %.2f (throughput), "
                            + "%.2f (Keycloak CPU per sign-in)%n", name, card.perSecond() / password.perSecond(),
                    card.serverCpuMillisPerSignIn() / password.serverCpuMillisPerSignIn()));
        }
        for (SignInPath path : SignInPath.values()) {
            out.append(String.format(Locale.ROOT, "%s: 2 nodes / 1 node = %.2f (throughput)%n", path.label(),
                    find(results, "2 nodes", path).perSecond() / find(results, "1 node", path).perSecond()));
        }
        return out.toString();
    }

    private static ScenarioResult find(List<ScenarioResult> results, String name, SignInPath path) {
        return results.stream().filter(r -> r.name().equals(name) && r.path() == path).findFirst().orElseThrow();
    }
}
