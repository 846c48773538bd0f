package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.virtualcard.TestCards;

import java.net.http.HttpResponse;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two levels of authentication on the real server: the card alone (acr "card", for attendance terminals) and
 * the card with the password (acr "card-password", for business apps), and the step-up from the first to the second
 * when an app asks for more than the staff member's sign-in gave.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class LevelsOfAuthenticationTest {

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String PASSWORD = "Staff-Passw0rd";
    private static final OidcLogin.Client ATTENDANCE_TERMINAL =
            new OidcLogin.Client("attendance-terminal", null, "http://localhost:8084/callback");
    private static final Map<String, String> ASK_CARD_PASSWORD = Map.of("acr_values", "card-password");
    private static final AtomicInteger STAFF_NUMBER = new AtomicInteger();

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    private final List<String> createdUsers = new ArrayList<>();

    @BeforeEach
    void clearEvents() {
        realm.admin().clearEvents();
    }

    @AfterEach
    void restoreBruteForceSettings() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(5);
        settings.setQuickLoginCheckMilliSeconds(1000L);
        realm.admin().update(settings);
        createdUsers.forEach(id -> realm.admin().attackDetection().clearBruteForceForUser(id));
    }

    @Test
    void attendanceTerminalSignsInWithTheCardAloneAtLevelCard() throws Exception {
        Staff staff = enrolStaff();
        OidcLogin login = new OidcLogin(ORIGIN).as(ATTENDANCE_TERMINAL);
        LoginPage page = login.open(Map.of());

        assertThat(page.html()).doesNotContain("name=\"password\"");
        HttpResponse<String> answer = login.submit(page, staff.card().assertion(ORIGIN, page.challenge()));

        JsonNode claims = idTokenClaims(login, answer);
        assertThat(claims.path("sub").asText()).isEqualTo(staff.id());
        assertThat(claims.path("acr").asText()).isEqualTo("card");
        assertThat(amr(claims)).containsExactly("hwk", "pin");
    }

    @Test
    void appAskingForCardAndPasswordAfterACardOnlySignInGetsAStepUp() throws Exception {
        Staff staff = enrolStaff();
        OidcLogin login = new OidcLogin(ORIGIN);
        JsonNode cardOnly = signInWithCardOnly(login, staff);

        LoginPage stepUp = login.as(OidcLogin.DEMO_WEB_APP).open(ASK_CARD_PASSWORD);
        assertThat(stepUp.html()).contains("name=\"password\"").contains("id=\"staff-card-step-up\"");
        HttpResponse<String> answer = login.submit(stepUp, staff.card().assertion(ORIGIN, stepUp.challenge()),
                PASSWORD);

        JsonNode claims = idTokenClaims(login, answer);
        assertThat(claims.path("sub").asText()).isEqualTo(staff.id());
        assertThat(claims.path("acr").asText()).isEqualTo("card-password");
        assertThat(amr(claims)).containsExactly("hwk", "pin", "pwd");
        assertThat(claims.path("sid").asText()).as("the same single sign-on session, raised")
                .isEqualTo(cardOnly.path("sid").asText());
    }

    @Test
    void anEssentialAcrInTheClaimsParameterAlsoStepsUp() throws Exception {
        Staff staff = enrolStaff();
        OidcLogin login = new OidcLogin(ORIGIN);
        signInWithCardOnly(login, staff);

        LoginPage stepUp = login.as(OidcLogin.DEMO_WEB_APP).open(Map.of("claims",
                "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"card-password\"]}}}"));
        HttpResponse<String> answer = login.submit(stepUp, staff.card().assertion(ORIGIN, stepUp.challenge()),
                PASSWORD);

        assertThat(idTokenClaims(login, answer).path("acr").asText()).isEqualTo("card-password");
    }

    @Test
    void aStepUpWithAnotherAccountsCardIsRefused() throws Exception {
        Staff staff = enrolStaff();
        Staff colleague = enrolStaff();
        OidcLogin login = new OidcLogin(ORIGIN);
        signInWithCardOnly(login, staff);

        LoginPage stepUp = login.as(OidcLogin.DEMO_WEB_APP).open(ASK_CARD_PASSWORD);
        HttpResponse<String> answer = login.submit(stepUp,
                colleague.card().assertion(ORIGIN, stepUp.challenge()), PASSWORD);

        assertNoCodeIssued(answer);
        assertThat(answer.body()).contains(ThemeMessages.english("cardOfOtherAccount"));
        EventRepresentation refused = lastEvent("LOGIN_ERROR");
        assertThat(refused.getError()).isEqualTo("card_of_other_account");
        assertThat(refused.getUserId()).isEqualTo(staff.id());
    }

    @Test
    void wrongStepUpPasswordsLockTheAccountAndTheRightOneIsThenRefused() throws Exception {
        Staff staff = enrolStaff();
        lowerFailureFactorTo(3);
        OidcLogin login = new OidcLogin(ORIGIN);
        signInWithCardOnly(login, staff);

        LoginPage stepUp = login.as(OidcLogin.DEMO_WEB_APP).open(ASK_CARD_PASSWORD);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = login.submit(stepUp, staff.card().assertion(ORIGIN, stepUp.challenge()),
                    "wrong " + i);
            assertNoCodeIssued(wrong);
            stepUp = LoginPage.parse(wrong.body());
        }
        HttpResponse<String> right = login.submit(stepUp, staff.card().assertion(ORIGIN, stepUp.challenge()),
                PASSWORD);

        assertNoCodeIssued(right);
        assertThat(lockedOut(staff)).isTrue();
        assertThat(right.body()).contains(ThemeMessages.english("accountTemporarilyDisabledMessage"));
    }

    @Test
    void aCardOnlySignInDoesNotClearWrongStepUpPasswords() throws Exception {
        Staff staff = enrolStaff();
        lowerFailureFactorTo(3);
        OidcLogin login = new OidcLogin(ORIGIN);
        signInWithCardOnly(login, staff);
        LoginPage stepUp = login.as(OidcLogin.DEMO_WEB_APP).open(ASK_CARD_PASSWORD);
        for (int i = 0; i < 2; i++) {
            stepUp = LoginPage.parse(login.submit(stepUp, staff.card().assertion(ORIGIN, stepUp.challenge()),
                    "wrong " + i).body());
        }

        signInWithCardOnly(new OidcLogin(ORIGIN), staff);

        assertThat(failures(staff)).as("failures after a card-only sign-in").isEqualTo(2);
    }

    @Test
    void aFirstSignInAtTheCardPasswordLevelIsOnePageWithPasswordAndCard() throws Exception {
        Staff staff = enrolStaff();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        assertThat(page.html()).contains("name=\"password\"").doesNotContain("id=\"staff-card-step-up\"");
        HttpResponse<String> answer = login.submit(page, staff.card().assertion(ORIGIN, page.challenge()), PASSWORD);

        JsonNode claims = idTokenClaims(login, answer);
        assertThat(claims.path("acr").asText()).isEqualTo("card-password");
        assertThat(amr(claims)).containsExactly("hwk", "pin", "pwd");
    }

    @Test
    void anAppAskingForALevelTheRealmDoesNotKnowGetsCardAndPassword() throws Exception {
        Staff staff = enrolStaff();
        OidcLogin login = new OidcLogin(ORIGIN).as(ATTENDANCE_TERMINAL);
        LoginPage page = login.open(Map.of("acr_values", "no-such-level"));

        assertThat(page.html()).contains("name=\"password\"");
        HttpResponse<String> answer = login.submit(page, staff.card().assertion(ORIGIN, page.challenge()), PASSWORD);

        JsonNode claims = idTokenClaims(login, answer);
        assertThat(claims.path("acr").asText()).isEqualTo("card-password");
        assertThat(amr(claims)).contains("pwd");
    }

    @Test
    void anAppAskingForTheCardLevelRidesOnACardPasswordSession() throws Exception {
        Staff staff = enrolStaff();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        idTokenClaims(login, login.submit(page, staff.card().assertion(ORIGIN, page.challenge()), PASSWORD));

        HttpResponse<String> terminal = login.as(ATTENDANCE_TERMINAL).get(login.authorizationUrl(Map.of()));

        assertThat(terminal.headers().firstValue("Location").orElse(""))
                .as("no second card sign-in").startsWith(ATTENDANCE_TERMINAL.redirectUri());
        assertThat(idTokenClaims(login, terminal).path("sub").asText()).isEqualTo(staff.id());
    }

    @Test
    void adminConsoleListsTheCardOnlyAuthenticator() {
        assertThat(realm.admin().flows().getAuthenticatorProviders()).anySatisfy(provider -> {
            assertThat(provider.get("id")).isEqualTo("staff-card-only");
            assertThat(provider.get("displayName")).isEqualTo("Staff card only");
        });
    }

    @Test
    void revokingTheCardEndsTheCardOnlySessionItStarted() throws Exception {
        Staff staff = enrolStaff();
        OidcLogin login = new OidcLogin(ORIGIN).as(ATTENDANCE_TERMINAL);
        LoginPage page = login.open(Map.of());
        HttpResponse<String> answer = login.submit(page, staff.card().assertion(ORIGIN, page.challenge()));
        assertThat(answer.statusCode()).as(LoginPage.errorText(answer.body())).isEqualTo(302);
        String refreshToken = login.redeem(answer).path("refresh_token").asText();
        assertThat(realm.admin().users().get(staff.id()).getUserSessions()).hasSize(1);

        StaffCardsApi cards = new StaffCardsApi(ORIGIN, "staff",
                () -> adminClient.tokenManager().getAccessTokenString());
        String cardId = cards.list(staff.id()).body().get(0).path("id").asText();
        StaffCardsApi.Answer revoked = cards.revoke(staff.id(), cardId, "lost", null);

        assertThat(revoked.body().path("sessionsEnded").asInt()).as(revoked.body().toString()).isEqualTo(1);
        assertThat(realm.admin().users().get(staff.id()).getUserSessions()).isEmpty();
        assertThat(login.refresh(refreshToken).body()).contains("invalid_grant");
    }

    private JsonNode signInWithCardOnly(OidcLogin login, Staff staff) throws Exception {
        login.as(ATTENDANCE_TERMINAL);
        LoginPage page = login.open(Map.of());
        JsonNode claims = idTokenClaims(login, login.submit(page, staff.card().assertion(ORIGIN, page.challenge())));
        assertThat(claims.path("acr").asText()).isEqualTo("card");
        return claims;
    }

    private static JsonNode idTokenClaims(OidcLogin login, HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(LoginPage.errorText(answer.body())).isEqualTo(302);
        return IdTokens.verifiedClaims(login.realmUrl(), login.redeem(answer).path("id_token").asText());
    }

    private static List<String> amr(JsonNode claims) {
        List<String> values = new ArrayList<>();
        claims.path("amr").forEach(value -> values.add(value.asText()));
        return values;
    }

    /** A staff account and its card. */
    private record Staff(String id, SoftwareCard card) {
    }

    /**
     * Creates a staff account holding a new card of a test CA that the realm is made to trust. This is the one
     * place that knows how a card is bound to an account.
     */
    private Staff enrolStaff() throws CertificateEncodingException {
        int number = STAFF_NUMBER.incrementAndGet();
        String cardUserId = "LEVEL-" + number;
        SoftwareCard card = new SoftwareCard(TestCards.issue(cardUserId));
        trust(card);

        UserRepresentation user = new UserRepresentation();
        user.setUsername("level.staff" + number);
        user.setEnabled(true);
        user.setFirstName("花子");
        user.setLastName("佐藤");
        user.setEmail("level.staff" + number + "@example.lg.jp");
        user.setAttributes(Map.of("cardUserId", List.of(cardUserId)));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password, CardCredentials.of(card)));
        try (Response created = realm.admin().users().create(user)) {
            assertThat(created.getStatus()).as("creating " + user.getUsername()).isEqualTo(201);
        }
        String id = realm.admin().users().searchByUsername(user.getUsername(), true).get(0).getId();
        createdUsers.add(id);
        return new Staff(id, card);
    }

    /** Adds the card's CA to the card settings, which the card-only and the card + password steps share. */
    private void trust(SoftwareCard card) {
        CardSettings.trustInBrowser(realm.admin(), card.card().authority().certificate());
    }

    private void lowerFailureFactorTo(int failures) {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(failures);
        // Quick successive failures lock the account at once; these tests count failures one by one instead.
        settings.setQuickLoginCheckMilliSeconds(1L);
        realm.admin().update(settings);
    }

    private int failures(Staff staff) {
        Object count = realm.admin().attackDetection().bruteForceUserStatus(staff.id()).get("numFailures");
        return ((Number) count).intValue();
    }

    private boolean lockedOut(Staff staff) {
        return Boolean.TRUE.equals(realm.admin().attackDetection().bruteForceUserStatus(staff.id()).get("disabled"));
    }

    private EventRepresentation lastEvent(String type) {
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, null, null, null, null, 0, 1);
        assertThat(events).as("a " + type + " event").isNotEmpty();
        return events.get(0);
    }

    private static void assertNoCodeIssued(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("code=");
        assertThat(answer.statusCode()).isEqualTo(200);
    }
}
