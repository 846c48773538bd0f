package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.AgentLoginProcess.Outcome;
import org.staffcard.it.DeviceExchange.Answer;
import org.staffcard.protocol.Challenge;
import org.staffcard.virtualcard.TestCards;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices without a browser (a PC logon, an attendance terminal) on the real Keycloak distribution: the challenge
 * endpoint, the card direct grant, and the card agent's login command reading the demo card through the real pcscd.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class DeviceSignInTest {

    private static final String PASSWORD = "Demo-Passw0rd";
    private static final String PC_LOGON = "pc-logon";
    private static final String PC_LOGON_SECRET = "pc-logon-secret";
    private static final String TERMINAL = "attendance-terminal-device";
    private static final String TERMINAL_SECRET = "attendance-terminal-device-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    @TempDir
    Path work;

    private CardStack cardStack;
    private String demoUserId;

    @BeforeEach
    void insertDemoCard() throws Exception {
        cardStack = CardStack.get();
        demoUserId = realm.admin().users().searchByUsername("yamada.taro", true).get(0).getId();
        realm.admin().clearEvents();
    }

    @AfterEach
    void unlockDemoStaff() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(5);
        settings.setQuickLoginCheckMilliSeconds(1000L);
        realm.admin().update(settings);
        realm.admin().attackDetection().clearBruteForceForUser(demoUserId);
    }

    @Test
    void pcLogonObtainsCardAndPasswordTokensThroughTheAgentsLoginCommand() throws Exception {
        Outcome outcome = new AgentLoginProcess(work).login(PC_LOGON, PC_LOGON_SECRET, PASSWORD);

        assertThat(outcome.exit()).as(outcome.toString()).isZero();
        JsonNode tokens = JSON.readTree(outcome.stdout());
        JsonNode idToken = IdTokens.verifiedClaims(DeviceExchange.REALM_URL, tokens.path("id_token").asText());
        JsonNode accessToken = IdTokens.verifiedClaims(DeviceExchange.REALM_URL,
                tokens.path("access_token").asText());
        assertThat(idToken.path("sub").asText()).isEqualTo(demoUserId);
        assertThat(idToken.path("acr").asText()).isEqualTo("card-password");
        assertThat(amr(idToken)).containsExactly("hwk", "pin", "pwd");
        assertThat(idToken.path("azp").asText()).isEqualTo(PC_LOGON);
        assertThat(accessToken.path("acr").asText()).isEqualTo("card-password");
        assertThat(outcome.stderr()).doesNotContain(PASSWORD).doesNotContain("PIN " + AgentLoginProcess.DEMO_PIN);
        EventRepresentation login = lastEvent("LOGIN");
        assertThat(login.getClientId()).isEqualTo(PC_LOGON);
        assertThat(login.getUserId()).isEqualTo(demoUserId);
        assertThat(login.getDetails()).containsEntry("card_user_id", "S0012345")
                .containsEntry("auth_method", "staff_card_device");
    }

    @Test
    void attendanceTerminalObtainsCardOnlyTokensWithoutAPassword() throws Exception {
        Outcome outcome = new AgentLoginProcess(work).login(TERMINAL, TERMINAL_SECRET, null);

        assertThat(outcome.exit()).as(outcome.toString()).isZero();
        JsonNode idToken = IdTokens.verifiedClaims(DeviceExchange.REALM_URL,
                JSON.readTree(outcome.stdout()).path("id_token").asText());
        assertThat(idToken.path("sub").asText()).isEqualTo(demoUserId);
        assertThat(idToken.path("acr").asText()).isEqualTo("card");
        assertThat(amr(idToken)).containsExactly("hwk", "pin");
    }

    private static List<String> amr(JsonNode claims) {
        List<String> methods = new ArrayList<>();
        claims.path("amr").forEach(method -> methods.add(method.asText()));
        return methods;
    }

    @Test
    void loginCommandSaysWrongPasswordThenLockedWithTheirOwnExitCodes() throws Exception {
        lowerFailureFactorTo(2);
        AgentLoginProcess agent = new AgentLoginProcess(work);

        Outcome first = agent.login(PC_LOGON, PC_LOGON_SECRET, "not the password");
        Outcome second = agent.login(PC_LOGON, PC_LOGON_SECRET, "not the password either");
        Outcome right = agent.login(PC_LOGON, PC_LOGON_SECRET, PASSWORD);

        assertThat(first.exit()).as(first.toString()).isEqualTo(7);
        assertThat(first.stderr()).contains("Invalid card or password").contains("next: ")
                .doesNotContain("not the password");
        assertThat(second.exit()).as(second.toString()).isEqualTo(7);
        assertThat(right.exit()).as(right.toString()).isEqualTo(8);
        assertThat(right.stdout()).isEmpty();
        assertThat(right.stderr()).contains("locked");
        assertThat(lockedOut()).isTrue();
    }

    @Test
    void wrongPasswordWithAValidCardCountsTowardsTheLockout() throws Exception {
        lowerFailureFactorTo(3);

        Answer wrong = signedExchange(PC_LOGON, PC_LOGON_SECRET, "wrong password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.field("error")).isEqualTo("invalid_grant");
        assertThat(wrong.field("card_error")).isEqualTo("invalid_user_credentials");
        assertThat(failures()).isEqualTo(1);
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("invalid_user_credentials");
    }

    @Test
    void aCardOnlyTerminalSignInDoesNotClearTheFailureCount() throws Exception {
        lowerFailureFactorTo(3);
        signedExchange(PC_LOGON, PC_LOGON_SECRET, "wrong password");
        assertThat(failures()).isEqualTo(1);

        Answer terminal = signedExchange(TERMINAL, TERMINAL_SECRET, null);

        assertThat(terminal.status()).as(terminal.body().toString()).isEqualTo(200);
        assertThat(failures()).as("a stolen card and its PIN must not reset the password guesses").isEqualTo(1);
        Answer full = signedExchange(PC_LOGON, PC_LOGON_SECRET, PASSWORD);
        assertThat(full.status()).as(full.body().toString()).isEqualTo(200);
        assertThat(failures()).as("a full card + password sign-in clears the count").isZero();
    }

    @Test
    void replayedChallengeIsRefused() throws Exception {
        String challenge = DeviceExchange.challenge(PC_LOGON).field("challenge");
        String assertion = cardStack.sign(challenge);
        Answer first = DeviceExchange.exchange(PC_LOGON, PC_LOGON_SECRET, challenge, assertion, PASSWORD);

        Answer replay = DeviceExchange.exchange(PC_LOGON, PC_LOGON_SECRET, challenge, assertion, PASSWORD);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.field("card_error")).isEqualTo("card_challenge_expired");
        assertThat(replay.field("error_description")).contains("expired or already used");
        assertThat(replay.body().has("access_token")).isFalse();
    }

    @Test
    void challengeRedeemedAfterAFailedAttemptIsGone() throws Exception {
        String challenge = DeviceExchange.challenge(PC_LOGON).field("challenge");
        String assertion = cardStack.sign(challenge);
        DeviceExchange.exchange(PC_LOGON, PC_LOGON_SECRET, challenge, assertion, "wrong password");

        Answer retry = DeviceExchange.exchange(PC_LOGON, PC_LOGON_SECRET, challenge, assertion, PASSWORD);

        assertThat(retry.field("card_error")).isEqualTo("card_challenge_expired");
    }

    @Test
    void unknownChallengeIsRefused() throws Exception {
        String invented = Challenge.random(new SecureRandom()).text();

        Answer answer = DeviceExchange.exchange(PC_LOGON, PC_LOGON_SECRET, invented, cardStack.sign(invented),
                PASSWORD);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field("card_error")).isEqualTo("card_challenge_expired");
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("card_challenge_expired");
    }

    @Test
    void challengeIssuedToAnotherClientIsRefused() throws Exception {
        String terminalChallenge = DeviceExchange.challenge(TERMINAL).field("challenge");

        Answer answer = DeviceExchange.exchange(PC_LOGON, PC_LOGON_SECRET, terminalChallenge,
                cardStack.sign(terminalChallenge), PASSWORD);

        assertThat(answer.field("card_error")).isEqualTo("card_challenge_expired");
    }

    @Test
    void cardOnlyTerminalGetsAcrCardAndTheLevelItAnnounced() throws Exception {
        Answer challenge = DeviceExchange.challenge(TERMINAL);

        Answer answer = DeviceExchange.exchange(TERMINAL, TERMINAL_SECRET, challenge.field("challenge"),
                cardStack.sign(challenge.field("challenge")), null);

        assertThat(challenge.body().path("password_required").asBoolean()).isFalse();
        assertThat(challenge.field("acr")).isEqualTo("card");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(IdTokens.verifiedClaims(DeviceExchange.REALM_URL, answer.field("id_token")).path("acr").asText())
                .isEqualTo("card");
    }

    @Test
    void pcLogonRefusesTheCardWithoutThePassword() throws Exception {
        Answer challenge = DeviceExchange.challenge(PC_LOGON);

        Answer answer = DeviceExchange.exchange(PC_LOGON, PC_LOGON_SECRET, challenge.field("challenge"),
                cardStack.sign(challenge.field("challenge")), null);

        assertThat(challenge.body().path("password_required").asBoolean()).isTrue();
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.field("card_error")).isEqualTo("invalid_user_credentials");
        assertThat(answer.body().has("access_token")).isFalse();
    }

    @Test
    void plainPasswordGrantIsRefusedForBothDeviceClients() throws Exception {
        Answer pc = DeviceExchange.plainPasswordGrant(PC_LOGON, PC_LOGON_SECRET, "yamada.taro", PASSWORD);
        Answer terminal = DeviceExchange.plainPasswordGrant(TERMINAL, TERMINAL_SECRET, "yamada.taro", PASSWORD);

        for (Answer answer : List.of(pc, terminal)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.field("error")).isEqualTo("invalid_grant");
            assertThat(answer.body().has("access_token")).isFalse();
        }
    }

    /**
     * Keycloak gives every realm a public admin-cli client with direct grants on; the realm's own direct grant flow
     * is the card one, so a password alone gets no token there either.
     */
    @Test
    void passwordAloneGetsNoTokenFromTheRealmsBuiltInAdminCli() throws Exception {
        Answer answer = DeviceExchange.post(DeviceExchange.REALM_URL + "/protocol/openid-connect/token",
                DeviceExchange.form(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", "yamada.taro", "password", PASSWORD)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field("error")).isEqualTo("invalid_grant");
        assertThat(answer.body().has("access_token")).isFalse();
    }

    @Test
    void challengeCarriesTheServersOriginAndA256BitValue() throws Exception {
        Answer answer = DeviceExchange.challenge(PC_LOGON);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.field("origin")).isEqualTo(CardStack.KEYCLOAK_ORIGIN);
        assertThat(answer.body().path("expires_in").asInt()).isEqualTo(180);
        assertThat(Base64.getUrlDecoder().decode(answer.field("challenge"))).hasSize(32);
    }

    @Test
    void challengeEndpointRefusesUnknownDisabledAndNonDeviceClients() throws Exception {
        ClientRepresentation terminal = realm.admin().clients().findByClientId(TERMINAL).get(0);
        terminal.setEnabled(false);
        realm.admin().clients().get(terminal.getId()).update(terminal);
        try {
            assertThat(DeviceExchange.challenge(TERMINAL).field("error")).isEqualTo("invalid_client");
        } finally {
            terminal.setEnabled(true);
            realm.admin().clients().get(terminal.getId()).update(terminal);
        }

        assertThat(DeviceExchange.challenge("no-such-client").field("error")).isEqualTo("invalid_client");
        assertThat(DeviceExchange.challenge("demo-web-app").field("error")).isEqualTo("invalid_client");
        assertThat(DeviceExchange.challenge(TERMINAL).status()).isEqualTo(200);
    }

    @Test
    void challengeEndpointRefusesAnOversizedBody() throws Exception {
        Answer answer = DeviceExchange.post(DeviceExchange.REALM_URL + "/staff-card/challenge",
                "client_id=" + PC_LOGON + "&padding=" + "x".repeat(2000));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.field("error")).isEqualTo("invalid_request");
    }

    @Test
    void unknownCardIsRefusedWithItsOwnDescription() throws Exception {
        SoftwareCard stranger = trustedCard("DEVICE-UNKNOWN");
        String challenge = DeviceExchange.challenge(TERMINAL).field("challenge");

        Answer answer = DeviceExchange.exchange(TERMINAL, TERMINAL_SECRET, challenge,
                stranger.assertion(CardStack.KEYCLOAK_ORIGIN, challenge), null);

        assertThat(answer.field("card_error")).isEqualTo("card_unknown");
        assertThat(answer.field("error_description")).isEqualTo("No staff account holds this card.");
    }

    @Test
    void cardThatIsNotTheEnrolledOneIsRefused() throws Exception {
        SoftwareCard enrolled = trustedCard("DEVICE-ENROLLED");
        enrolStaff("device.staff", "DEVICE-ENROLLED", enrolled);
        SoftwareCard impostor = trustedCard("DEVICE-ENROLLED");
        String challenge = DeviceExchange.challenge(TERMINAL).field("challenge");

        Answer answer = DeviceExchange.exchange(TERMINAL, TERMINAL_SECRET, challenge,
                impostor.assertion(CardStack.KEYCLOAK_ORIGIN, challenge), null);

        assertThat(answer.field("card_error")).isEqualTo("card_not_enrolled");
        String good = DeviceExchange.challenge(TERMINAL).field("challenge");
        assertThat(DeviceExchange.exchange(TERMINAL, TERMINAL_SECRET, good,
                enrolled.assertion(CardStack.KEYCLOAK_ORIGIN, good), null).status()).isEqualTo(200);
    }

    @Test
    void signatureForAnotherOriginIsRefused() throws Exception {
        SoftwareCard card = trustedCard("DEVICE-ORIGIN");
        enrolStaff("device.origin", "DEVICE-ORIGIN", card);
        String challenge = DeviceExchange.challenge(TERMINAL).field("challenge");

        Answer answer = DeviceExchange.exchange(TERMINAL, TERMINAL_SECRET, challenge,
                card.assertion("https://login.example.evil.com", challenge), null);

        assertThat(answer.field("card_error")).isEqualTo("card_signature_invalid");
    }

    @Test
    void adminConsoleListsTheDeviceAuthenticator() {
        assertThat(realm.admin().flows().getAuthenticatorProviders()).anySatisfy(provider -> {
            assertThat(provider.get("id")).isEqualTo("staff-card-direct-grant");
            assertThat((String) provider.get("description")).contains("staff-card/challenge");
        });
    }

    private Answer signedExchange(String clientId, String secret, String password) throws Exception {
        String challenge = DeviceExchange.challenge(clientId).field("challenge");
        return DeviceExchange.exchange(clientId, secret, challenge, cardStack.sign(challenge), password);
    }

    /**
     * The one place this test binds a card to a new staff account: the card user ID as the account's attribute and
     * the card as a staff card credential.
     */
    private void enrolStaff(String username, String cardUserId, SoftwareCard card) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName("花子");
        user.setLastName("佐藤");
        user.setEmail(username + "@example.lg.jp");
        user.setAttributes(Map.of("cardUserId", List.of(cardUserId)));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType("password");
        password.setValue("Staff-Passw0rd");
        password.setTemporary(false);
        user.setCredentials(List.of(password, CardCredentials.of(card)));
        try (Response created = realm.admin().users().create(user)) {
            assertThat(created.getStatus()).as("creating " + username).isEqualTo(201);
        }
    }

    /** A card of a second test CA, which is added to the device flow's trust anchors for this test. */
    private SoftwareCard trustedCard(String cardUserId) throws CertificateEncodingException {
        SoftwareCard card = new SoftwareCard(TestCards.issue(cardUserId));
        trust(card.card().authority().certificate());
        return card;
    }

    private void trust(X509Certificate authority) {
        CardSettings.trustInDevices(realm.admin(), authority);
    }

    private void lowerFailureFactorTo(int failures) {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(failures);
        // Quick successive failures lock the account at once; these tests count failures one by one instead.
        settings.setQuickLoginCheckMilliSeconds(1L);
        realm.admin().update(settings);
    }

    private int failures() {
        Object count = realm.admin().attackDetection().bruteForceUserStatus(demoUserId).get("numFailures");
        return ((Number) count).intValue();
    }

    private boolean lockedOut() {
        return Boolean.TRUE.equals(realm.admin().attackDetection().bruteForceUserStatus(demoUserId).get("disabled"));
    }

    private EventRepresentation lastEvent(String type) {
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, null, null, null, null, 0, 1);
        assertThat(events).as("a " + type + " event").isNotEmpty();
        return events.get(0);
    }
}
