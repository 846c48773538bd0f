package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.virtualcard.TestCardSpec;
import org.staffcard.virtualcard.TestCertificateAuthority;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Card sign-in on a real two-node cluster: two Keycloak servers from the distribution, started with the options of
 * {@code cluster-node.properties} (the same as the container image's), on one PostgreSQL database, behind a balancer
 * without session affinity. Both nodes answer for one public address, so the origin the card signs is the one
 * either node rebuilds. The last test kills a node, so the order is fixed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSignInTest {

    private static final String REALM = "staff";
    private static final String PASSWORD = "Staff-Passw0rd";
    private static final String ORIGIN = KeycloakCluster.PUBLIC_URL;

    private KeycloakCluster cluster;
    private KeycloakNode a;
    private KeycloakNode b;
    private LoopbackBalancer balancer;
    private TestCertificateAuthority staffCa;

    @BeforeAll
    void startCluster() throws Exception {
        assumeTrue(ClusterDatabase.reachable(), "PostgreSQL does not answer on 127.0.0.1:5432 for user postgres "
                + "without a password, so the two-node cluster cannot be started: ClusterSignInTest is skipped");
        cluster = KeycloakCluster.start();
        a = cluster.nodeA();
        b = cluster.nodeB();
        balancer = cluster.balancer();

        staffCa = TestCertificateAuthority.create("CN=Cluster Staff Card CA, O=Test Org, C=JP");
        trustThroughNodeA(staffCa);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Imported settings never pass the admin save check, so each node reviews the card settings when it starts;
     * the imported staff realm checks no revocation, which every start must say.
     */
    @Test
    @Order(0)
    void eachNodeWarnsAtStartThatTheStaffRealmChecksNoRevocation() throws Exception {
        String warning = "[org.staffcard.authenticator.StartupSettingsReport]";
        String text = "Card sign-in settings in realm 'staff', authenticator config 'staff card': setting "
                + "'staffcard.revocation' is 'none'";

        for (KeycloakNode node : List.of(a, b)) {
            assertThat(Files.readAllLines(node.log()))
                    .as("node log %s", node.log())
                    .anyMatch(line -> line.contains(" WARN ") && line.contains(warning) && line.contains(text));
        }
    }

    @Test
    @Order(1)
    void bothNodesJoinOneClusterAndSeeEachOthersRealmChanges() throws Exception {
        RealmResource realmOnB = cluster.adminOfB().realm(REALM);
        String before = realmOnB.toRepresentation().getDisplayName();

        RealmRepresentation change = cluster.adminOfA().realm(REALM).toRepresentation();
        change.setDisplayName("Staff sign-in (cluster check)");
        cluster.adminOfA().realm(REALM).update(change);

        assertThat(a.lastClusterViewSize()).as("members in node A's last cluster view").isEqualTo(2);
        assertThat(b.lastClusterViewSize()).as("members in node B's last cluster view").isEqualTo(2);
        assertThat(before).isEqualTo("Staff sign-in");
        assertThat(realmOnB.toRepresentation().getDisplayName()).isEqualTo("Staff sign-in (cluster check)");
    }

    @Test
    @Order(2)
    void challengeIssuedByOneNodeIsRedeemedOnTheOther() throws Exception {
        SoftwareCard card = enrol("cluster.hanako", "CLUSTER-0001");
        OidcLogin login = new OidcLogin(ORIGIN);
        int requestsToA = balancer.requestsTo(a);
        int requestsToB = balancer.requestsTo(b);

        balancer.sendTo(a);
        LoginPage page = login.open();
        balancer.sendTo(b);
        HttpResponse<String> answer = login.submit(page, card.assertion(ORIGIN, page.challenge()), PASSWORD);

        assertThat(balancer.requestsTo(a)).as("requests node A answered").isEqualTo(requestsToA + 1);
        assertThat(balancer.requestsTo(b)).as("requests node B answered").isEqualTo(requestsToB + 1);
        assertThat(answer.statusCode()).as("answer to the form: %s", LoginPage.errorText(answer.body()))
                .isEqualTo(302);
        JsonNode claims = IdTokens.verifiedClaims(login.realmUrl(), login.redeem(answer).path("id_token").asText());
        assertThat(claims.path("preferred_username").asText()).isEqualTo("cluster.hanako");
        assertThat(claims.path("acr").asText()).isEqualTo("card-password");
        assertThat(lastEvent("LOGIN", "cluster.hanako").getDetails()).containsEntry("card_user_id", "CLUSTER-0001");
    }

    @Test
    @Order(3)
    void challengeRedeemedOnOneNodeCannotBeRedeemedAgainOnTheOther() throws Exception {
        SoftwareCard card = enrol("cluster.jiro", "CLUSTER-0002");
        OidcLogin login = new OidcLogin(ORIGIN);
        balancer.sendTo(a);
        LoginPage page = login.open();
        String assertion = card.assertion(ORIGIN, page.challenge());

        balancer.sendTo(b);
        HttpResponse<String> wrongPassword = login.submit(page, assertion, "not the password");
        LoginPage next = LoginPage.parse(wrongPassword.body());
        balancer.sendTo(a);
        HttpResponse<String> replay = login.submit(next, assertion, PASSWORD);

        assertThat(next.challenge()).isNotEqualTo(page.challenge());
        assertNoCodeIssued(replay);
        // Had node A kept its own copy of the first challenge, this replay with the right password would succeed.
        assertThat(lastEvent("LOGIN_ERROR", "cluster.jiro").getError()).isEqualTo("card_signature_invalid");
    }

    @Test
    @Order(4)
    void assertionThatSignedInIsRefusedWhenReplayedOnEitherNode() throws Exception {
        SoftwareCard card = enrol("cluster.saburo", "CLUSTER-0003");
        OidcLogin first = new OidcLogin(ORIGIN);
        balancer.sendTo(a);
        LoginPage page = first.open();
        String assertion = card.assertion(ORIGIN, page.challenge());
        balancer.sendTo(b);
        assertThat(first.submit(page, assertion, PASSWORD).statusCode()).isEqualTo(302);

        for (KeycloakNode node : List.of(a, b)) {
            balancer.sendTo(node);
            OidcLogin replay = new OidcLogin(ORIGIN);
            HttpResponse<String> answer = replay.submit(replay.open(), assertion, PASSWORD);

            assertNoCodeIssued(answer);
            assertThat(answer.body()).as("page from " + node.name())
                    .contains(ThemeMessages.english("cardSignatureInvalid"));
        }
        List<EventRepresentation> refusals = events("LOGIN_ERROR", "cluster.saburo", 10);
        assertThat(refusals).extracting(EventRepresentation::getError)
                .containsExactly("card_signature_invalid", "card_signature_invalid");
    }

    @Test
    @Order(5)
    void accountDisabledThroughOneNodeIsRefusedOnTheOtherAtOnce() throws Exception {
        SoftwareCard card = enrol("cluster.shiro", "CLUSTER-0004");
        balancer.sendTo(b);
        // A first sign-in on node B puts the account into node B's user cache.
        assertThat(signIn(card).statusCode()).isEqualTo(302);

        UserResource onA = user(cluster.adminOfA().realm(REALM), "cluster.shiro");
        UserRepresentation disabled = onA.toRepresentation();
        disabled.setEnabled(false);
        onA.update(disabled);
        HttpResponse<String> answer = signIn(card);

        assertNoCodeIssued(answer);
        assertThat(LoginPage.parse(answer.body()).challenge()).isNotEmpty();
        assertThat(lastEvent("LOGIN_ERROR", "cluster.shiro").getError()).isEqualTo("user_disabled");
    }

    @Test
    @Order(6)
    void cardReboundThroughOneNodeIsEnforcedOnTheOtherAtOnce() throws Exception {
        SoftwareCard oldCard = enrol("cluster.goro", "CLUSTER-0005");
        SoftwareCard newCard = new SoftwareCard(staffCa.issue(TestCardSpec.of("CLUSTER-0005")));
        balancer.sendTo(b);
        assertThat(signIn(oldCard).statusCode()).isEqualTo(302);

        StaffCardsApi onA = new StaffCardsApi(cluster.nodeA().directUrl(), REALM,
                () -> cluster.adminOfA().tokenManager().getAccessTokenString());
        String oldCardId = onA.list("cluster.goro").body().get(0).path("id").asText();
        assertThat(onA.revoke("cluster.goro", oldCardId, "replaced", null).status()).isEqualTo(200);
        assertThat(onA.bind("cluster.goro", "CLUSTER-0005", newCard.card().certificate(), "jpki").status())
                .isEqualTo(201);
        HttpResponse<String> withOldCard = signIn(oldCard);
        String refusal = lastEvent("LOGIN_ERROR", "cluster.goro").getError();
        HttpResponse<String> withNewCard = signIn(newCard);

        assertNoCodeIssued(withOldCard);
        assertThat(withOldCard.body()).contains(ThemeMessages.english("cardBindingRevoked"));
        assertThat(refusal).isEqualTo("card_binding_revoked");
        assertThat(withNewCard.statusCode()).isEqualTo(302);
    }

    @Test
    @Order(7)
    void signatureForANodesOwnAddressIsRefusedBecauseTheOriginIsThePublicOne() throws Exception {
        SoftwareCard card = enrol("cluster.nanako", "CLUSTER-0007");
        OidcLogin login = new OidcLogin(ORIGIN);
        balancer.sendTo(a);
        LoginPage page = login.open();
        balancer.sendTo(b);

        HttpResponse<String> answer = login.submit(page, card.assertion(b.directUrl(), page.challenge()), PASSWORD);

        assertNoCodeIssued(answer);
        assertThat(lastEvent("LOGIN_ERROR", "cluster.nanako").getError()).isEqualTo("card_signature_invalid");
    }

    @Test
    @Order(7)
    void deviceChallengeFromOneNodeIsRedeemedOnceOnTheOther() throws Exception {
        SoftwareCard card = enrol("cluster.device", "CLUSTER-0008");
        String realmUrl = ORIGIN + "/realms/" + REALM;
        balancer.sendTo(a);
        String challenge = DeviceExchange.challenge(realmUrl, "attendance-terminal-device").field("challenge");
        String assertion = card.assertion(ORIGIN, challenge);

        balancer.sendTo(b);
        DeviceExchange.Answer first = DeviceExchange.exchange(realmUrl, "attendance-terminal-device",
                "attendance-terminal-device-secret", challenge, assertion, null);
        balancer.sendTo(a);
        DeviceExchange.Answer replay = DeviceExchange.exchange(realmUrl, "attendance-terminal-device",
                "attendance-terminal-device-secret", challenge, assertion, null);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(IdTokens.verifiedClaims(realmUrl, first.field("id_token")).path("acr").asText()).isEqualTo("card");
        // Had node A kept its own copy of the challenge it issued, this replay would get tokens.
        assertThat(replay.field("card_error")).isEqualTo("card_challenge_expired");
    }

    /**
     * The card-key check asks the database with a query of its own, and the binding claims live in the cluster's
     * single-use store: a card bound through node A is refused for another account through node B, on PostgreSQL.
     */
    @Test
    @Order(7)
    void oneCardIsBoundToOneAccountWhicheverNodeIsAsked() throws Exception {
        RealmResource realm = cluster.adminOfA().realm(REALM);
        ServiceAccountClient desk = ServiceAccountClient.in(realm, "cluster-desk", "manage-users", "view-users");
        StaffAccounts.create(realm, "cluster.key.first", PASSWORD, null);
        StaffAccounts.create(realm, "cluster.key.second", PASSWORD, null);
        SoftwareCard card = new SoftwareCard(staffCa.issue(TestCardSpec.of("CLUSTER-KEY-1")));

        StaffCardsApi.Answer first = desk.staffCardsApi(a.directUrl())
                .bind("cluster.key.first", "CLUSTER-KEY-1", card.card().certificate(), null);
        StaffCardsApi.Answer second = desk.staffCardsApi(b.directUrl())
                .bind("cluster.key.second", "CLUSTER-KEY-2", card.card().certificate(), null);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(second.status()).as(second.body().toString()).isEqualTo(409);
        assertThat(second.body().path("error").asText()).isEqualTo("card_key_taken");
    }

    /**
     * Keycloak 26 keeps authentication sessions in a distributed cache with two owners, so in a two-node cluster
     * both nodes hold every sign-in in progress, challenge included: the surviving node finds it and the sign-in
     * completes. Had both owners been lost, Keycloak would restart the flow from its restart cookie and the page
     * would carry a fresh challenge; it never loops on an expired code.
     */
    @Test
    @Order(8)
    void signInCompletesOnTheSurvivingNodeWhenTheNodeThatIssuedTheChallengeIsKilled() throws Exception {
        SoftwareCard card = enrol("cluster.rokuro", "CLUSTER-0006");
        OidcLogin login = new OidcLogin(ORIGIN);
        balancer.sendTo(a);
        LoginPage page = login.open();
        String assertion = card.assertion(ORIGIN, page.challenge());

        a.kill();
        // What a balancer's health check does once node A stops answering.
        balancer.sendTo(b);
        HttpResponse<String> answer = login.submit(page, assertion, PASSWORD);

        assertThat(a.isAlive()).isFalse();
        assertThat(answer.statusCode()).as("answer to the form: %s", LoginPage.errorText(answer.body()))
                .isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).startsWith(OidcLogin.REDIRECT_URI);
        JsonNode claims = IdTokens.verifiedClaims(login.realmUrl(), login.redeem(answer).path("id_token").asText());
        assertThat(claims.path("preferred_username").asText()).isEqualTo("cluster.rokuro");
    }

    private HttpResponse<String> signIn(SoftwareCard card) throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        return login.submit(page, card.assertion(ORIGIN, page.challenge()), PASSWORD);
    }

    /** Adds the CA of this test's staff cards to the trust anchors of the browser and device flows, via node A. */
    private void trustThroughNodeA(TestCertificateAuthority ca) throws CertificateEncodingException {
        RealmResource realm = cluster.adminOfA().realm(REALM);
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Map<String, String> providerOfFlow = Map.of("staff card browser", "staff-card-password",
                "staff card direct grant", "staff-card-direct-grant");
        for (Map.Entry<String, String> flow : providerOfFlow.entrySet()) {
            String configId = realm.flows().getExecutions(flow.getKey()).stream()
                    .filter(e -> flow.getValue().equals(e.getProviderId()))
                    .findFirst().orElseThrow().getAuthenticationConfig();
            AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(configId);
            config.getConfig().merge("staffcard.trustAnchorsPem", pem, (existing, added) -> existing + "\n" + added);
            realm.flows().updateAuthenticatorConfig(configId, config);
        }
    }

    /** Creates a staff account holding a new card of this test's CA, through node A's admin API. */
    private SoftwareCard enrol(String username, String cardUserId) {
        SoftwareCard card = new SoftwareCard(staffCa.issue(TestCardSpec.of(cardUserId)));
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName("花子");
        user.setLastName("佐藤");
        user.setEmail(username + "@example.lg.jp");
        user.setAttributes(Map.of("cardUserId", List.of(cardUserId)));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password, CardCredentials.of(card)));
        try (Response created = cluster.adminOfA().realm(REALM).users().create(user)) {
            assertThat(created.getStatus()).as("creating " + username).isEqualTo(201);
        }
        return card;
    }

    private static UserResource user(RealmResource realm, String username) {
        return realm.users().get(realm.users().searchByUsername(username, true).get(0).getId());
    }

    /** The newest event of this type for this account, read through node B (events live in the database). */
    private EventRepresentation lastEvent(String type, String username) {
        List<EventRepresentation> events = events(type, username, 1);
        assertThat(events).as("a " + type + " event of " + username).isNotEmpty();
        return events.get(0);
    }

    private List<EventRepresentation> events(String type, String username, int max) {
        RealmResource realm = cluster.adminOfB().realm(REALM);
        String userId = realm.users().searchByUsername(username, true).get(0).getId();
        return realm.getEvents(List.of(type), null, userId, null, null, null, 0, max);
    }

    private static void assertNoCodeIssued(HttpResponse<String> answer) {
        String location = answer.headers().firstValue("Location").orElse("");
        assertThat(location).as("redirect after a refused sign-in").doesNotStartWith(OidcLogin.REDIRECT_URI);
        assertThat(answer.statusCode()).isEqualTo(200);
    }
}
