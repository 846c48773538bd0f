package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.virtualcard.TestCardSpec;
import org.staffcard.virtualcard.TestCertificateAuthority;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attempts to break the binding rules of staff cards on the real server: one card and one card user ID belong to
 * one account, binding claims never outlive their transaction, and a card's sessions end with its credential, no
 * others. Each assertion states the secure behaviour.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class CardBindingRulesTest {

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String PASSWORD = "Staff-Passw0rd";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private TestCertificateAuthority staffCa;
    private ServiceAccountClient deskClient;
    private StaffCardsApi desk;

    @BeforeEach
    void prepare() {
        deskClient = ServiceAccountClient.in(realm.admin(), "card-desk", "manage-users", "view-users");
        desk = deskClient.staffCardsApi();
        staffCa = TestCertificateAuthority.create("CN=Binding Rules Staff Card CA, O=Test Org, C=JP");
        CardSettings.trustInBrowser(realm.admin(), staffCa.certificate());
    }

    // ---- one card, one account ---------------------------------------------------------------------------------

    @Test
    void keycloaksUserCreationCannotGiveACardBoundToOneAccountToAnother() throws Exception {
        String first = account("key.first", null);
        SoftwareCard card = card("PRB-KEY-A");
        assertThat(desk.bind(first, "PRB-KEY-A", card.card().certificate(), null).status()).isEqualTo(201);

        // The card desk's own identity (manage-users) creates a second account through Keycloak's user API,
        // carrying a staff card credential for the same certificate key under another card user ID.
        String second = "key.second." + Long.toString(System.nanoTime(), 36);
        UserRepresentation user = StaffAccounts.representation(second, PASSWORD, "PRB-KEY-B");
        user.setCredentials(List.of(user.getCredentials().get(0),
                CardCredentials.of("PRB-KEY-B", card.card().certificate())));
        HttpResponse<String> created = adminApi("POST", "/users", JSON.writeValueAsString(user));
        observe("user creation with a card credential of a key bound elsewhere: status %d", created.statusCode());
        assertThat(created.statusCode()).as("the user API refuses a card bound to another account").isEqualTo(409);

        HttpResponse<String> signIn = signIn(card, "PRB-KEY-B");
        observe("the card bound to '%s' signing in to '%s': status %d", first, second, signIn.statusCode());
        assertThat(signIn.statusCode()).as("one card must not sign in to a second account").isNotEqualTo(302);
        assertThat(signIn(card, "PRB-KEY-A").statusCode()).isEqualTo(302);
    }

    @Test
    void aCardRevokedAsStolenIsNotBoundToAnotherAccount() {
        String owner = account("stolen.owner", null);
        String other = account("stolen.other", null);
        SoftwareCard card = card("PRB-STOLEN-1");
        String cardId = desk.bind(owner, "PRB-STOLEN-1", card.card().certificate(), null).body().path("id").asText();
        assertThat(desk.revoke(owner, cardId, "stolen", null).status()).isEqualTo(200);

        StaffCardsApi.Answer rebound = desk.bind(other, "PRB-STOLEN-2", card.card().certificate(), null);
        observe("a card revoked as stolen, bound to another account: status %d %s", rebound.status(),
                rebound.body().path("error").asText());
        assertThat(rebound.status()).as("a stolen card changing hands").isEqualTo(409);
    }

    @Test
    void aRevokedCardBoundAgainToItsAccountHasSessionsOfItsOwn() throws Exception {
        String userId = userId(account("rebound", null));
        String username = username(userId);
        SoftwareCard card = card("PRB-REBOUND");
        String oldId = desk.bind(username, "PRB-REBOUND", card.card().certificate(), null).body().path("id")
                .asText();
        assertThat(signIn(card, "PRB-REBOUND").statusCode()).isEqualTo(302);
        assertThat(desk.revoke(username, oldId, "replaced", null).body().path("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(signIn(card, "PRB-REBOUND").statusCode()).as("revoked").isEqualTo(200);

        StaffCardsApi.Answer rebound = desk.bind(username, "PRB-REBOUND", card.card().certificate(), null);
        assertThat(rebound.status()).as(rebound.body().toString()).isEqualTo(201);
        String newId = rebound.body().path("id").asText();
        assertThat(signIn(card, "PRB-REBOUND").statusCode()).isEqualTo(302);

        // Deleting the old, revoked credential leaves the session of the new binding alone.
        realm.admin().users().get(userId).removeCredential(oldId);
        assertThat(realm.admin().users().get(userId).getUserSessions()).hasSize(1);
        assertThat(desk.revoke(username, newId, "lost", null).body().path("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(realm.admin().users().get(userId).getUserSessions()).isEmpty();
        assertThat(signIn(card, "PRB-REBOUND").statusCode()).isEqualTo(200);
    }

    @Test
    void aRevocationNoteHoldingAnotherKeysHashDoesNotBlockThatKey() {
        String first = account("like.first", null);
        String second = account("like.second", null);
        SoftwareCard noted = card("PRB-LIKE-1");
        SoftwareCard named = card("PRB-LIKE-2");
        String id = desk.bind(first, "PRB-LIKE-1", noted.card().certificate(), null).body().path("id").asText();
        assertThat(desk.revoke(first, id, "other", "key " + named.card().spkiSha256() + " %_%").status())
                .isEqualTo(200);

        StaffCardsApi.Answer bound = desk.bind(second, "PRB-LIKE-2", named.card().certificate(), null);
        assertThat(bound.status()).as(bound.body().toString()).isEqualTo(201);
    }

    // ---- one card user ID, one account -------------------------------------------------------------------------

    @Test
    void caseAndWidthVariantsOfAHeldIdAreRefusedOnEveryWritePath() {
        String holder = account("case.holder", null);
        String otherId = userId(account("case.other", null));
        assertThat(desk.bind(holder, "PRB-CASE", card("PRB-CASE").card().certificate(), null).status())
                .isEqualTo(201);

        for (String variant : List.of("\uFF30\uFF32\uFF22-\uFF23\uFF21\uFF33\uFF25", "PRB\u2010CASE", "PRB-CA\u0405E",
                "PRB-CASE\u200B")) {
            StaffCardsApi.Answer answer = desk.bind(username(otherId), variant, card("PRB-W").card().certificate(),
                    null);
            assertThat(answer.status()).as("look-alike %s", escape(variant)).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).isEqualTo("card_user_id_malformed");
        }
        for (List<String> values : List.of(List.of("prb-case"), List.of("Prb-Case"), List.of("prb-free", "pRB-cASE"),
                List.of(" PRB-CASE"))) {
            assertThat(writeCardUserIds(otherId, values)).as("attribute write %s", values).isEqualTo(400);
        }
        String robot = ServiceAccountClient.in(realm.admin(), "prb-robot", "view-users").serviceAccountUserId();
        assertThat(writeCardUserIds(robot, List.of("pRb-CaSe"))).as("on a service account").isEqualTo(400);
        assertThat(holdersOf("prb-case")).isEqualTo(1);
    }

    @Test
    void anAttributeWriteRacingABindingNeverLeavesOneIdOnTwoAccounts() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        List<String> doubled = new ArrayList<>();
        try {
            for (int round = 0; round < 12; round++) {
                String cardUserId = "PRB-RACE-" + round;
                String written = round % 2 == 0 ? cardUserId : cardUserId.toLowerCase();
                String binder = account("race.bind", null);
                String writerId = userId(account("race.write", null));
                SoftwareCard card = card(cardUserId);
                long delay = (round % 4) * 4L;
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Integer> bound = workers.submit(() -> {
                    start.await();
                    return desk.bind(binder, cardUserId, card.card().certificate(), null).status();
                });
                Future<Integer> wrote = workers.submit(() -> {
                    start.await();
                    Thread.sleep(delay);
                    return writeCardUserIds(writerId, List.of(written));
                });
                int bindStatus = bound.get(30, TimeUnit.SECONDS);
                int writeStatus = wrote.get(30, TimeUnit.SECONDS);
                long holders = holdersOf(cardUserId);
                observe("race round %d: bind %d, attribute write %d, accounts holding the ID %d", round, bindStatus,
                        writeStatus, holders);
                if (holders > 1) {
                    doubled.add(cardUserId + " (bind " + bindStatus + ", write " + writeStatus + ")");
                }
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(doubled).as("card user IDs left on two accounts").isEmpty();
    }

    // ---- claims ------------------------------------------------------------------------------------------------

    @Test
    void aBindingRefusedAfterItsClaimsLeavesNothingBehind() {
        String first = account("claim.first", null);
        String second = account("claim.second", null);
        String label = "Desk label";
        assertThat(bindWithLabel(first, "PRB-LBL-1", card("PRB-LBL-1"), label).status()).isEqualTo(201);
        SoftwareCard card = card("PRB-LBL-2");

        // Refused at the label, the last check, after both claims were taken and the ID written.
        StaffCardsApi.Answer refused = bindWithLabel(first, "PRB-LBL-2", card, label);
        assertThat(refused.body().path("error").asText()).isEqualTo("card_label_taken");
        assertThat(realm.admin().users().get(userId(first)).toRepresentation().getAttributes().get("cardUserId"))
                .as("the refused binding's card user ID").containsExactly("PRB-LBL-1");

        StaffCardsApi.Answer bound = desk.bind(second, "PRB-LBL-2", card.card().certificate(), null);
        assertThat(bound.status()).as("bound at once elsewhere: " + bound.body()).isEqualTo(201);
    }

    @Test
    void aCardRefusedAtEnrolmentDoesNotBlockTheRightCardInTheSameSignIn() throws Exception {
        String holder = account("enrol.holder", null);
        String username = account("enrol.self", "PRB-ENR-1");
        SoftwareCard taken = card("PRB-ENR-0");
        assertThat(desk.bind(holder, "PRB-ENR-0", taken.card().certificate(), null).status()).isEqualTo(201);
        String code = desk.issueEnrolmentCode(username).body().path("code").asText();

        OidcLogin login = new OidcLogin(ORIGIN);
        String loginPage = login.get(login.authorizationUrl()).body();
        HttpResponse<String> accountPage = login.post(OidcLogin.enrolFormAction(loginPage),
                Map.of("staffcardEnrol", "start"));
        HttpResponse<String> proven = login.post(OidcLogin.enrolFormAction(accountPage.body()), Map.of(
                "staffcardEnrol", "account", "username", username, "password", PASSWORD, "enrolmentCode", code));
        assertThat(proven.statusCode()).isEqualTo(302);
        LoginPage cardPage = LoginPage.parse(login.get(proven.headers().firstValue("Location").orElseThrow()).body());

        // The card of another account, claiming this account's ID: refused for its key.
        HttpResponse<String> refused = present(login, cardPage, taken, "PRB-ENR-1");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(RealmEvents.last(realm.admin(), "CUSTOM_REQUIRED_ACTION_ERROR").getError())
                .isEqualTo("card_key_taken");

        HttpResponse<String> bound = present(login, LoginPage.parse(refused.body()), card("PRB-ENR-1"), "PRB-ENR-1");
        assertThat(bound.statusCode()).as(LoginPage.errorText(bound.body())).isEqualTo(302);
        assertThat(desk.list(username).body()).hasSize(1);
    }

    // ---- sessions of a deleted card ----------------------------------------------------------------------------

    @Test
    void deletingAnotherCredentialOrAnotherAccountsCardEndsNoCardSession() throws Exception {
        String aliceId = userId(account("del.alice", null));
        String bobId = userId(account("del.bob", null));
        SoftwareCard aliceCard = card("PRB-DEL-A");
        SoftwareCard bobCard = card("PRB-DEL-B");
        String aliceCardId = desk.bind(username(aliceId), "PRB-DEL-A", aliceCard.card().certificate(), null)
                .body().path("id").asText();
        assertThat(desk.bind(username(bobId), "PRB-DEL-B", bobCard.card().certificate(), null).status())
                .isEqualTo(201);
        assertThat(signIn(aliceCard, "PRB-DEL-A").statusCode()).isEqualTo(302);
        assertThat(signIn(bobCard, "PRB-DEL-B").statusCode()).isEqualTo(302);

        desk.issueEnrolmentCode(username(aliceId));
        for (String type : List.of("staff-card-enrolment-code", "password")) {
            String id = realm.admin().users().get(aliceId).credentials().stream()
                    .filter(c -> type.equals(c.getType())).findFirst().orElseThrow().getId();
            realm.admin().users().get(aliceId).removeCredential(id);
            assertThat(realm.admin().users().get(aliceId).getUserSessions()).as("after deleting " + type)
                    .hasSize(1);
        }

        // An admin asking to delete Alice's card under Bob's path is refused by Keycloak and ends nothing.
        int status = statusOf(() -> realm.admin().users().get(bobId).removeCredential(aliceCardId));
        assertThat(status).isEqualTo(404);
        assertThat(realm.admin().users().get(aliceId).getUserSessions()).hasSize(1);
        assertThat(realm.admin().users().get(bobId).getUserSessions()).hasSize(1);

        realm.admin().users().get(aliceId).removeCredential(aliceCardId);
        assertThat(realm.admin().users().get(aliceId).getUserSessions()).isEmpty();
        assertThat(realm.admin().users().get(bobId).getUserSessions()).as("Bob's session").hasSize(1);
    }

    @Test
    void deletingACardEndsTheOfflineSessionItStarted() throws Exception {
        String userId = userId(account("del.offline", null));
        SoftwareCard card = card("PRB-DEL-OFF");
        String cardId = desk.bind(username(userId), "PRB-DEL-OFF", card.card().certificate(), null).body()
                .path("id").asText();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open(Map.of("scope", "openid offline_access"));
        HttpResponse<String> signedIn = login.submit(page, card.assertion(ORIGIN, page.challenge()), PASSWORD);
        assertThat(signedIn.statusCode()).as(LoginPage.errorText(signedIn.body())).isEqualTo(302);
        String offlineToken = login.redeem(signedIn).path("refresh_token").asText();
        assertThat(tokenType(offlineToken)).isEqualTo("Offline");

        realm.admin().users().get(userId).removeCredential(cardId);

        HttpResponse<String> refreshed = login.refresh(offlineToken);
        observe("offline token after the card's deletion: status %d", refreshed.statusCode());
        assertThat(refreshed.statusCode()).as("offline token of a deleted card").isEqualTo(400);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private String account(String name, String cardUserId) {
        return StaffAccounts.createUnique(realm.admin(), name, PASSWORD, cardUserId);
    }

    private String userId(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
    }

    private String username(String userId) {
        return realm.admin().users().get(userId).toRepresentation().getUsername();
    }

    private SoftwareCard card(String cardUserId) {
        return new SoftwareCard(staffCa.issue(TestCardSpec.of(cardUserId)));
    }

    private HttpResponse<String> signIn(SoftwareCard card, String claimed) throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        return login.submit(page, card.assertion(ORIGIN, page.challenge(), claimed), PASSWORD);
    }

    private StaffCardsApi.Answer bindWithLabel(String user, String cardUserId, SoftwareCard card, String label) {
        String body = JSON.createObjectNode().put("cardUserId", cardUserId)
                .put("certificate", StaffCardsApi.pem(card.card().certificate())).put("label", label).toString();
        return desk.send("POST", "/users/" + user + "/cards", body);
    }

    /** Writes the account's card user IDs as an admin does on the user's details; answers the HTTP status. */
    private int writeCardUserIds(String userId, List<String> values) {
        return statusOf(() -> {
            UserRepresentation user = realm.admin().users().get(userId).toRepresentation();
            user.singleAttribute("cardUserId", values.get(0));
            user.getAttributes().put("cardUserId", values);
            realm.admin().users().get(userId).update(user);
        });
    }

    /** Accounts holding the ID in any case, as the admin console's attribute search finds them. */
    private long holdersOf(String cardUserId) {
        return realm.admin().users().searchByAttributes(0, 100, null, false, "cardUserId:" + cardUserId).stream()
                .filter(u -> realm.admin().users().get(u.getId()).toRepresentation().getAttributes()
                        .getOrDefault("cardUserId", List.of()).stream().anyMatch(cardUserId::equalsIgnoreCase))
                .count();
    }

    private HttpResponse<String> adminApi(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ORIGIN + "/admin/realms/staff" + path))
                .header("Authorization", "Bearer " + deskClient.accessToken())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> present(OidcLogin login, LoginPage cardPage, SoftwareCard card,
                                                String claimed) throws Exception {
        return login.post(cardPage.action(), Map.of("staffcardEnrol", "card",
                "cardAssertion", card.assertion(ORIGIN, cardPage.challenge(), claimed), "cardProfile", "piv"));
    }

    private static int statusOf(Runnable call) {
        try {
            call.run();
            return 204;
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus();
        }
    }

    private static String tokenType(String jwt) throws Exception {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return claims.path("typ").asText();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return out.toString();
    }

    private static void observe(String format, Object... values) {
        System.out.println("[binding rules] " + String.format(format, values));
    }
}
