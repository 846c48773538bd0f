package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.TestCardSpec;
import org.staffcard.virtualcard.TestCertificateAuthority;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A card's life on the real Keycloak distribution: an admin binds a card over the staff-cards API; a second staff
 * member enrols the demo card by self-service with a one-time code in Chromium, through the real card agent, pcscd
 * and the virtual card, and signs in with it; the admin revokes it as lost, which ends that person's sessions at
 * once, refuses the card at the next sign-in, and leaves admin events saying who revoked it and why.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class CardLifecycleTest {

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String PASSWORD = "Staff-Passw0rd";
    private static final String DESK_CLIENT = "card-desk";
    private static final String READER_CLIENT = "card-reader";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private CardStack cardStack;
    private TestCertificateAuthority staffCa;
    private ServiceAccountClient deskClient;
    private StaffCardsApi desk;
    private StaffCardsApi reader;

    @BeforeEach
    void prepare() throws Exception {
        cardStack = CardStack.get();
        deskClient = ServiceAccountClient.in(realm.admin(), DESK_CLIENT, "manage-users", "view-users");
        desk = deskClient.staffCardsApi();
        reader = ServiceAccountClient.in(realm.admin(), READER_CLIENT, "view-users").staffCardsApi();
        staffCa = TestCertificateAuthority.create("CN=Lifecycle Staff Card CA, O=Test Org, C=JP");
        trust(staffCa);
    }

    @Test
    void cardIsBoundEnrolledUsedAndRevokedWithItsSessions() throws Exception {
        // An admin binds a card of the realm's CA to an account over the API; the account signs in with it.
        String tanakaId = createStaff("tanaka.ichiro", null);
        SoftwareCard tanakaCard = new SoftwareCard(staffCa.issue(TestCardSpec.of("LIFE-0001")));
        StaffCardsApi.Answer bound = desk.bind("tanaka.ichiro", "LIFE-0001", tanakaCard.card().certificate(), "jpki");
        assertThat(bound.status()).as(bound.body().toString()).isEqualTo(201);
        assertThat(bound.body().path("status").asText()).isEqualTo("active");
        assertThat(signInWithSoftwareCard(tanakaCard).statusCode()).isEqualTo(302);
        JsonNode tanakaCards = desk.list("tanaka.ichiro").body();
        assertThat(tanakaCards).hasSize(1);
        assertThat(tanakaCards.get(0).path("lastUsedAt").asText()).isNotEmpty();
        assertThat(realm.admin().users().get(tanakaId).toRepresentation().getAttributes().get("cardUserId"))
                .containsExactly("LIFE-0001");

        // The demo card in the reader changes hands: its first holder leaves, a new staff member gets a code.
        String yamadaId = realm.admin().users().searchByUsername("yamada.taro", true).get(0).getId();
        realm.admin().users().delete(yamadaId).close();
        String satoId = createStaff("sato.hanako", null);
        StaffCardsApi.Answer code = desk.issueEnrolmentCode("sato.hanako");
        assertThat(code.status()).isEqualTo(201);
        assertThat(code.cacheControl()).contains("no-store");
        assertThat(code.body().path("code").asText()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");

        // Self-service enrolment in Chromium, through the real agent and the virtual card.
        JsonNode enrolled = new SelfServiceEnrolment("card-enrolment")
                .enrol("sato.hanako", PASSWORD, code.body().path("code").asText());
        assertThat(enrolled.path("id_token").asText()).isNotEmpty();
        JsonNode satoCards = desk.list("sato.hanako").body();
        assertThat(satoCards).hasSize(1);
        JsonNode satoCard = satoCards.get(0);
        assertThat(satoCard.path("cardUserId").asText()).isEqualTo(DemoCard.cardUserId());
        assertThat(satoCard.path("spkiSha256").asText()).isEqualTo(DemoCard.certificateSpkiSha256());
        assertThat(satoCard.path("profile").asText()).isEqualTo("jpki");
        assertThat(realm.admin().users().get(satoId).toRepresentation().getAttributes().get("cardUserId"))
                .containsExactly(DemoCard.cardUserId());
        List<CredentialRepresentation> credentialsTab = realm.admin().users().get(satoId).credentials();
        assertThat(credentialsTab).extracting(CredentialRepresentation::getType)
                .contains("staff-card").doesNotContain("staff-card-enrolment-code");
        assertThat(lastEvent("UPDATE_CREDENTIAL").getUserId()).isEqualTo(satoId);

        // The new holder signs in with the card and password, through the agent, and gets a refresh token.
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        HttpResponse<String> signedIn = login.submit(page, cardStack.sign(page.challenge()), PASSWORD);
        assertThat(signedIn.statusCode()).as(LoginPage.errorText(signedIn.body())).isEqualTo(302);
        String refreshToken = login.redeem(signedIn).path("refresh_token").asText();
        assertThat(realm.admin().users().get(satoId).getUserSessions()).hasSize(2);

        // The card is reported lost: revoking it ends both of its sessions at once.
        StaffCardsApi.Answer revoked = desk.revoke("sato.hanako", satoCard.path("id").asText(), "lost",
                "reported by phone");
        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
        assertThat(revoked.body().path("status").asText()).isEqualTo("revoked");
        assertThat(revoked.body().path("sessionsEnded").asInt()).isEqualTo(2);
        assertThat(revoked.body().path("revocation").path("reason").asText()).isEqualTo("lost");
        assertThat(realm.admin().users().get(satoId).getUserSessions()).isEmpty();
        HttpResponse<String> refreshed = login.refresh(refreshToken);
        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(refreshed.body()).contains("invalid_grant");
        assertThat(realm.admin().users().get(tanakaId).getUserSessions()).as("other staff keep their sessions")
                .hasSize(1);

        // The next sign-in with the revoked card is refused, saying so.
        OidcLogin again = new OidcLogin(ORIGIN);
        LoginPage againPage = again.open();
        HttpResponse<String> refused = again.submit(againPage, cardStack.sign(againPage.challenge()), PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains(ThemeMessages.english("cardBindingRevoked"));
        EventRepresentation refusal = lastEvent("LOGIN_ERROR");
        assertThat(refusal.getError()).isEqualTo("card_binding_revoked");
        assertThat(refusal.getDetails()).containsEntry("card_binding_revocation_reason", "lost");

        // Admin events say who did what to which account, and why.
        String deskUserId = deskClient.serviceAccountUserId();
        List<AdminEventRepresentation> events = RealmEvents.staffCardAdminEvents(realm.admin());
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getOperationType()).isEqualTo("CREATE");
            assertThat(e.getResourcePath()).startsWith("users/" + tanakaId + "/staff-cards/");
            assertThat(e.getAuthDetails().getUserId()).isEqualTo(deskUserId);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getOperationType()).isEqualTo("CREATE");
            assertThat(e.getResourcePath()).isEqualTo("users/" + satoId + "/staff-cards/enrolment-code");
            assertThat(e.getRepresentation()).doesNotContain(code.body().path("code").asText());
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getOperationType()).isEqualTo("ACTION");
            assertThat(e.getResourcePath()).isEqualTo("users/" + satoId + "/staff-cards/"
                    + satoCard.path("id").asText());
            assertThat(e.getAuthDetails().getUserId()).isEqualTo(deskUserId);
            assertThat(e.getDetails()).containsEntry("reason", "lost").containsEntry("note", "reported by phone");
            JsonNode what = JSON.readTree(e.getRepresentation());
            assertThat(what.path("action").asText()).isEqualTo("revoke");
            assertThat(what.path("reason").asText()).isEqualTo("lost");
            assertThat(what.path("sessionsEnded").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aViewOnlyCallerListsCardsButCannotBindRevokeOrIssueCodes() {
        createStaff("view.only.target", null);
        SoftwareCard card = new SoftwareCard(staffCa.issue(TestCardSpec.of("LIFE-VIEW-1")));

        assertThat(reader.list("view.only.target").status()).isEqualTo(200);
        assertThat(reader.bind("view.only.target", "LIFE-VIEW-1", card.card().certificate(), null).status())
                .isEqualTo(403);
        assertThat(reader.issueEnrolmentCode("view.only.target").status()).isEqualTo(403);
        assertThat(reader.revoke("view.only.target", "any", "lost", null).status()).isEqualTo(403);
    }

    @Test
    void aCallerWithoutATokenIsAskedToAuthenticate() {
        StaffCardsApi anonymous = new StaffCardsApi(ORIGIN, "staff", () -> null);

        StaffCardsApi.Answer answer = anonymous.list("yamada.taro");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("not_authenticated");
    }

    @Test
    void badInputIsRefusedWithItsOwnError() {
        createStaff("bad.input", null);
        String pem = StaffCardsApi.pem(staffCa.issue(TestCardSpec.of("LIFE-BAD-1")).certificate());
        String untrusted = StaffCardsApi.pem(TestCertificateAuthority.create("CN=Unknown CA, O=Elsewhere, C=JP")
                .issue(TestCardSpec.of("LIFE-BAD-2")).certificate());
        String cards = "/users/bad.input/cards";

        assertError(desk.send("POST", cards, "not json"), 400, "body_not_json");
        assertError(desk.send("POST", cards, "{\"cardUserId\":\"X1\",\"certificate\":\"" + escaped(pem)
                + "\",\"colour\":\"red\"}"), 400, "unknown_field");
        assertError(desk.send("POST", cards, "{\"cardUserId\":\"X1\"}"), 400, "certificate_missing");
        assertError(desk.send("POST", cards, "{\"certificate\":\"" + escaped(pem) + "\"}"), 400,
                "card_user_id_missing");
        assertError(desk.send("POST", cards, "{\"cardUserId\":\"X1\",\"certificate\":\"bm90IGEgY2VydA==\"}"),
                400, "invalid_card_assertion");
        assertError(desk.send("POST", cards, "{\"cardUserId\":\"has space\",\"certificate\":\"" + escaped(pem)
                + "\"}"), 400, "card_user_id_malformed");
        assertError(desk.send("POST", cards, "{\"cardUserId\":\"X1\",\"certificate\":\"" + escaped(untrusted)
                + "\"}"), 400, "card_certificate_untrusted");
        assertError(desk.send("POST", cards, "{\"cardUserId\":\"X1\",\"profile\":\"magstripe\",\"certificate\":\""
                + escaped(pem) + "\"}"), 400, "profile_unknown");
        assertError(desk.send("POST", "/users/bad.input/enrolment-code", "{\"validHours\":10000}"), 400,
                "valid_hours_out_of_range");
        assertError(desk.send("POST", "/users/nobody.here/cards", "{}"), 404, "user_not_found");

        StaffCardsApi.Answer bound = desk.send("POST", cards, "{\"cardUserId\":\"X1\",\"certificate\":\""
                + escaped(pem) + "\"}");
        assertThat(bound.status()).isEqualTo(201);
        String revoke = cards + "/" + bound.body().path("id").asText() + "/revoke";
        assertError(desk.send("POST", revoke, "{}"), 400, "reason_missing");
        assertError(desk.send("POST", revoke, "{\"reason\":\"misplaced\"}"), 400, "reason_unknown");
        assertError(desk.send("POST", cards + "/no-such-card/revoke", "{\"reason\":\"lost\"}"), 404,
                "card_not_found");
        assertThat(desk.send("POST", revoke, "{\"reason\":\"replaced\"}").status()).isEqualTo(200);
        assertError(desk.send("POST", revoke, "{\"reason\":\"replaced\"}"), 409, "card_already_revoked");
    }

    @Test
    void aCardUserIdHeldByAnotherAccountIsRefusedIgnoringCase() {
        createStaff("first.holder", null);
        createStaff("second.holder", null);
        SoftwareCard card = new SoftwareCard(staffCa.issue(TestCardSpec.of("LIFE-TAKEN")));
        SoftwareCard other = new SoftwareCard(staffCa.issue(TestCardSpec.of("life-taken")));
        assertThat(desk.bind("first.holder", "LIFE-TAKEN", card.card().certificate(), null).status()).isEqualTo(201);

        assertError(desk.bind("second.holder", "life-taken", other.card().certificate(), null), 409,
                "card_user_id_taken");
        assertError(desk.bind("first.holder", "LIFE-TAKEN", card.card().certificate(), null), 409,
                "card_already_bound");
    }

    @Test
    void twoBindingsOfOneCardUserIdToTwoAccountsAtOnceLetOnlyOneThrough() throws Exception {
        // The race is not forced; each round starts both requests together, which makes it likely.
        ExecutorService desks = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String cardUserId = "LIFE-RACE-" + round;
                List<String> accounts = List.of("race.first" + round, "race.second" + round);
                accounts.forEach(account -> createStaff(account, null));
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<StaffCardsApi.Answer>> answers = new ArrayList<>();
                for (String account : accounts) {
                    SoftwareCard card = new SoftwareCard(staffCa.issue(TestCardSpec.of(cardUserId)));
                    answers.add(desks.submit(() -> {
                        start.await();
                        return desk.bind(account, cardUserId, card.card().certificate(), null);
                    }));
                }

                List<Integer> statuses = new ArrayList<>();
                for (Future<StaffCardsApi.Answer> answer : answers) {
                    statuses.add(answer.get(30, TimeUnit.SECONDS).status());
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 409);
            }
        } finally {
            desks.shutdownNow();
        }
    }

    @Test
    void aCardUserIdFreedByADeletedAccountCanBeBoundAgainAtOnce() {
        String leaverId = createStaff("leaver", null);
        SoftwareCard card = new SoftwareCard(staffCa.issue(TestCardSpec.of("LIFE-MOVED")));
        assertThat(desk.bind("leaver", "LIFE-MOVED", card.card().certificate(), null).status()).isEqualTo(201);
        realm.admin().users().delete(leaverId).close();

        // The claim that guarded the first binding ended with its transaction; it does not hold the ID for anyone.
        createStaff("joiner", null);
        StaffCardsApi.Answer rebound = desk.bind("joiner", "LIFE-MOVED", card.card().certificate(), null);
        assertThat(rebound.status()).as(rebound.body().toString()).isEqualTo(201);
    }

    @Test
    void deletingACardOnTheCredentialsTabEndsTheSessionsItStartedOnly() throws Exception {
        String userId = createStaff("deleted.card", null);
        SoftwareCard deleted = new SoftwareCard(staffCa.issue(TestCardSpec.of("LIFE-DEL-1")));
        SoftwareCard kept = new SoftwareCard(staffCa.issue(TestCardSpec.of("LIFE-DEL-2")));
        String deletedId = desk.bind("deleted.card", "LIFE-DEL-1", deleted.card().certificate(), null).body()
                .path("id").asText();
        assertThat(desk.bind("deleted.card", "LIFE-DEL-2", kept.card().certificate(), null).status()).isEqualTo(201);
        assertThat(signInWithSoftwareCard(deleted).statusCode()).isEqualTo(302);
        assertThat(signInWithSoftwareCard(kept).statusCode()).isEqualTo(302);
        assertThat(realm.admin().users().get(userId).getUserSessions()).hasSize(2);

        // What the admin console's Credentials tab does when an admin deletes the card.
        realm.admin().users().get(userId).removeCredential(deletedId);

        assertThat(realm.admin().users().get(userId).getUserSessions()).hasSize(1);
        assertThat(signInWithSoftwareCard(deleted).statusCode()).as("the deleted card no longer signs in")
                .isEqualTo(200);
        assertThat(signInWithSoftwareCard(kept).statusCode()).isEqualTo(302);
    }

    @Test
    void oneCardIsBoundToOneAccountUntilItIsRevokedThere() {
        createStaff("key.first", null);
        createStaff("key.second", null);
        SoftwareCard card = new SoftwareCard(staffCa.issue(TestCardSpec.of("LIFE-KEY-1")));
        StaffCardsApi.Answer first = desk.bind("key.first", "LIFE-KEY-1", card.card().certificate(), null);
        assertThat(first.status()).isEqualTo(201);

        // The same certificate under a mistyped card user ID, for another person.
        assertError(desk.bind("key.second", "LIFE-KEY-2", card.card().certificate(), null), 409, "card_key_taken");
        assertThat(desk.list("key.second").body()).isEmpty();

        assertThat(desk.revoke("key.first", first.body().path("id").asText(), "replaced", null).status())
                .isEqualTo(200);
        StaffCardsApi.Answer second = desk.bind("key.second", "LIFE-KEY-2", card.card().certificate(), null);
        assertThat(second.status()).as("a card revoked on its first account may change hands: " + second.body())
                .isEqualTo(201);
    }

    @Test
    void aReplacementCardWorksBesideTheOldOneUntilTheOldIsRevoked() throws Exception {
        createStaff("two.cards", null);
        SoftwareCard oldCard = new SoftwareCard(staffCa.issue(TestCardSpec.of("LIFE-OLD")));
        SoftwareCard newCard = new SoftwareCard(staffCa.issue(TestCardSpec.of("LIFE-NEW")));
        String oldId = desk.bind("two.cards", "LIFE-OLD", oldCard.card().certificate(), null).body().path("id")
                .asText();
        assertThat(desk.bind("two.cards", "LIFE-NEW", newCard.card().certificate(), null).status()).isEqualTo(201);

        assertThat(signInWithSoftwareCard(oldCard).statusCode()).isEqualTo(302);
        assertThat(signInWithSoftwareCard(newCard).statusCode()).isEqualTo(302);
        assertThat(desk.revoke("two.cards", oldId, "replaced", null).status()).isEqualTo(200);

        assertThat(signInWithSoftwareCard(oldCard).statusCode()).isEqualTo(200);
        assertThat(signInWithSoftwareCard(newCard).statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongEnrolmentCodeIsRefusedAndCountsAsAFailedSignIn() throws Exception {
        String userId = createStaff("wrong.code", null);
        assertThat(desk.issueEnrolmentCode("wrong.code").status()).isEqualTo(201);

        HttpResponse<String> refused = EnrolmentPages.proveWithCode(new OidcLogin(ORIGIN), "wrong.code", PASSWORD,
                "AAAA-BBBB-CCCC-DDDD");

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains(ThemeMessages.english("staffCardEnrolInvalid"))
                .doesNotContain("data-challenge");
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("card_enrolment_code_invalid");
        assertThat(((Number) realm.admin().attackDetection().bruteForceUserStatus(userId).get("numFailures"))
                .intValue()).isEqualTo(1);
        assertThat(desk.list("wrong.code").body()).isEmpty();
    }

    private HttpResponse<String> signInWithSoftwareCard(SoftwareCard card) throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        return login.submit(page, card.assertion(ORIGIN, page.challenge()), PASSWORD);
    }

    private String createStaff(String username, String cardUserId) {
        return StaffAccounts.create(realm.admin(), username, PASSWORD, cardUserId);
    }

    private void trust(TestCertificateAuthority authority) {
        CardSettings.trustInBrowser(realm.admin(), authority.certificate());
    }

    private EventRepresentation lastEvent(String type) {
        return RealmEvents.last(realm.admin(), type);
    }

    private static String escaped(String text) {
        return text.replace("\n", "\\n");
    }

    private static void assertError(StaffCardsApi.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().path("error").asText()).isEqualTo(error);
    }
}
