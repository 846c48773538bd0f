package org.staffcard.it;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;
import org.staffcard.virtualcard.PivKeyType;
import org.staffcard.virtualcard.TestCards;
import org.staffcard.virtualcard.TestPivCard;

import java.net.http.HttpResponse;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's rules, each seen from outside on the real Keycloak distribution: what a relying party gets, what
 * the page says, what the realm's events record and what brute-force protection does.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class CardSignInRulesTest {

    private static final String PASSWORD = "Demo-Passw0rd";
    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private CardStack cardStack;
    private String demoUserId;

    @BeforeEach
    void findDemoStaff() throws Exception {
        cardStack = CardStack.get();
        demoUserId = realm.admin().users().searchByUsername("yamada.taro", true).get(0).getId();
        realm.admin().clearEvents();
    }

    @AfterEach
    void unlockDemoStaff() {
        if (demoUserId == null) {
            return;
        }
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(5);
        settings.setQuickLoginCheckMilliSeconds(1000L);
        realm.admin().update(settings);
        realm.admin().attackDetection().clearBruteForceForUser(demoUserId);
    }

    @Test
    void signsInThroughAgentAndPcscdWithCardAndPassword() throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        HttpResponse<String> answer = login.submit(page, cardStack.sign(page.challenge()), PASSWORD);

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(login.redeem(answer).path("id_token").asText()).isNotEmpty();
        EventRepresentation event = lastEvent("LOGIN");
        assertThat(event.getUserId()).isEqualTo(demoUserId);
        assertThat(event.getDetails())
                .containsEntry("card_user_id", "S0012345")
                .containsKey("card_certificate_serial")
                .containsEntry("card_certificate_issuer", "CN=Staff Card Demo CA,O=Demo Prefecture,C=JP")
                .containsEntry("card_revocation", "not_checked");
    }

    @Test
    void refusesReplayedAssertion() throws Exception {
        OidcLogin first = new OidcLogin(ORIGIN);
        LoginPage firstPage = first.open();
        String assertion = cardStack.sign(firstPage.challenge());
        assertThat(first.submit(firstPage, assertion, PASSWORD).statusCode()).isEqualTo(302);

        OidcLogin replay = new OidcLogin(ORIGIN);
        HttpResponse<String> answer = replay.submit(replay.open(), assertion, PASSWORD);

        assertNoCodeIssued(answer);
        assertThat(answer.body()).contains(ThemeMessages.english("cardSignatureInvalid"));
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("card_signature_invalid");
    }

    @Test
    void refusesAssertionPostedTwiceInOneSession() throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        String assertion = cardStack.sign(page.challenge());
        LoginPage next = LoginPage.parse(login.submit(page, assertion, "wrong password").body());

        HttpResponse<String> again = login.submit(next, assertion, PASSWORD);

        assertNoCodeIssued(again);
        assertThat(next.challenge()).isNotEqualTo(page.challenge());
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("card_signature_invalid");
    }

    @Test
    void refusesWrongPasswordWithValidCard() throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        HttpResponse<String> answer = login.submit(page, cardStack.sign(page.challenge()), "not the password");

        assertNoCodeIssued(answer);
        assertThat(answer.body()).contains(ThemeMessages.english("invalidCardOrPassword"));
        EventRepresentation event = lastEvent("LOGIN_ERROR");
        assertThat(event.getError()).isEqualTo("invalid_user_credentials");
        assertThat(event.getUserId()).isEqualTo(demoUserId);
        assertThat(event.getDetails()).containsEntry("card_user_id", "S0012345");
    }

    @Test
    void wrongPasswordsLockTheAccountEvenForAValidCard() throws Exception {
        lowerFailureFactorTo(3);
        for (int i = 0; i < 3; i++) {
            OidcLogin login = new OidcLogin(ORIGIN);
            LoginPage page = login.open();
            login.submit(page, cardStack.sign(page.challenge()), "wrong " + i);
        }

        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        HttpResponse<String> answer = login.submit(page, cardStack.sign(page.challenge()), PASSWORD);

        assertNoCodeIssued(answer);
        assertThat(lockedOut()).isTrue();
        assertThat(answer.body()).contains(ThemeMessages.english("accountTemporarilyDisabledMessage"));
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("user_temporarily_disabled");
    }

    @Test
    void badSignaturesLockTheAccountOfTheClaimedCard() throws Exception {
        lowerFailureFactorTo(3);
        for (int i = 0; i < 3; i++) {
            OidcLogin login = new OidcLogin(ORIGIN);
            LoginPage page = login.open();
            login.submit(page, tamperedSignature(cardStack.sign(page.challenge())), PASSWORD);
        }

        assertThat(lockedOut()).isTrue();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        HttpResponse<String> answer = login.submit(page, cardStack.sign(page.challenge()), PASSWORD);
        assertNoCodeIssued(answer);
    }

    @Test
    void successfulSignInResetsTheFailureCount() throws Exception {
        lowerFailureFactorTo(3);
        for (int i = 0; i < 2; i++) {
            OidcLogin login = new OidcLogin(ORIGIN);
            LoginPage page = login.open();
            login.submit(page, cardStack.sign(page.challenge()), "wrong " + i);
        }
        assertThat(failures()).isEqualTo(2);
        OidcLogin good = new OidcLogin(ORIGIN);
        LoginPage goodPage = good.open();
        assertThat(good.submit(goodPage, cardStack.sign(goodPage.challenge()), PASSWORD).statusCode()).isEqualTo(302);

        // Keycloak records a success on a worker thread after the redirect has been sent.
        assertThat(eventually(() -> failures() == 0)).as("failures cleared after a full sign-in").isTrue();
    }

    @Test
    void unknownCardIsRefusedWithItsOwnMessage() throws Exception {
        SoftwareCard stranger = trustedCard("UNKNOWN-1");
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        HttpResponse<String> answer = login.submit(page, stranger.assertion(ORIGIN, page.challenge()), PASSWORD);

        assertThat(answer.body()).contains(ThemeMessages.english("cardUnknown"));
        EventRepresentation event = lastEvent("LOGIN_ERROR");
        assertThat(event.getError()).isEqualTo("card_unknown");
        assertThat(event.getDetails()).containsEntry("card_user_id", "UNKNOWN-1");
    }

    @Test
    void cardUserIdMatchesExactlyAndIsUniqueIgnoringCaseAtWrite() throws Exception {
        SoftwareCard lower = trustedCard("ab12cd");
        createStaff("lower.case", "ab12cd", lower);
        createStaff("longer.id", "ab12cd9", trustedCard("ab12cd9"));
        Response upper = realm.admin().users().create(staff("upper.case", "AB12CD", lower));

        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        HttpResponse<String> answer = login.submit(page, lower.assertion(ORIGIN, page.challenge()), "Staff-Passw0rd");

        assertThat(upper.getStatus()).isEqualTo(400);
        assertThat(upper.readEntity(String.class)).contains("staffCardUserIdTaken");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(lastEvent("LOGIN").getDetails()).containsEntry("card_user_id", "ab12cd");
        assertThat(lastEvent("LOGIN").getUserId())
                .isEqualTo(realm.admin().users().searchByUsername("lower.case", true).get(0).getId());
    }

    @Test
    void signsInWithAnEcdsaP256PivCard() throws Exception {
        TestPivCard piv = TestCards.issuePiv(PivKeyType.ECC_P256);
        trust(piv.authority().certificate());
        createStaff("ec.card", piv.cardUserId(), piv.certificate());
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        byte[] payload = SignedPayload.of(ORIGIN, Challenge.fromText(page.challenge()), piv.cardUserId());
        Signature signer = SignatureAlgorithm.ES256.newSignature();
        signer.initSign(piv.profile().privateKey());
        signer.update(payload);
        String assertion = CardAssertionCodec.write(new CardAssertion(piv.cardUserId(),
                List.of(piv.certificate().getEncoded()), SignatureAlgorithm.ES256, signer.sign()));
        HttpResponse<String> answer = login.submit(page, assertion, "Staff-Passw0rd");

        assertThat(answer.statusCode()).as(LoginPage.errorText(answer.body())).isEqualTo(302);
        assertThat(lastEvent("LOGIN").getDetails()).containsEntry("card_user_id", piv.cardUserId());
    }

    @Test
    void refusesCertificateThatIsNotTheOneEnrolled() throws Exception {
        SoftwareCard impostor = trustedCard("S0012345");
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        HttpResponse<String> answer = login.submit(page, impostor.assertion(ORIGIN, page.challenge()), PASSWORD);

        assertThat(answer.body()).contains(ThemeMessages.english("cardNotEnrolled"));
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("card_not_enrolled");
    }

    @Test
    void refusesSignatureMadeForAnotherOrigin() throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        SoftwareCard card = trustedCard("OTHER-ORIGIN");
        createStaff("other.origin", "OTHER-ORIGIN", card);

        HttpResponse<String> answer = login.submit(page,
                card.assertion("https://login.example.evil.com", page.challenge()), "Staff-Passw0rd");

        assertNoCodeIssued(answer);
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("card_signature_invalid");
    }

    @Test
    void refusesCardFromIssuerOutsideTheTrustAnchors() throws Exception {
        SoftwareCard untrusted = new SoftwareCard(TestCards.issue("S0012345"));
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        HttpResponse<String> answer = login.submit(page, untrusted.assertion(ORIGIN, page.challenge()), PASSWORD);

        assertThat(answer.body()).contains(ThemeMessages.english("cardCertificateUntrusted"));
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("card_certificate_untrusted");
    }

    @Test
    void refusesMalformedAssertion() throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        HttpResponse<String> answer = login.submit(page, "{\"protocol\":1,\"cardUserId\":\"S0012345\"}", PASSWORD);

        assertThat(answer.body()).contains(ThemeMessages.english("cardAssertionMalformed"));
        assertThat(lastEvent("LOGIN_ERROR").getError()).isEqualTo("invalid_card_assertion");
    }

    @Test
    void adminConsoleListsTheAuthenticatorWithItsHelpText() {
        List<Map<String, Object>> providers = realm.admin().flows().getAuthenticatorProviders();

        assertThat(providers).anySatisfy(provider -> {
            assertThat(provider.get("id")).isEqualTo("staff-card-password");
            assertThat(provider.get("displayName")).isEqualTo("Staff card and password");
            assertThat((String) provider.get("description")).contains("card agent");
        });
    }

    /** A card of a second test CA, which is added to the realm's trust anchors for this test. */
    private SoftwareCard trustedCard(String cardUserId) throws CertificateEncodingException {
        SoftwareCard card = new SoftwareCard(TestCards.issue(cardUserId));
        trust(card.card().authority().certificate());
        return card;
    }

    private void trust(X509Certificate authority) throws CertificateEncodingException {
        AuthenticatorConfigRepresentation config = cardConfig();
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(authority.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        config.getConfig().merge("staffcard.trustAnchorsPem", pem, (existing, added) -> existing + "\n" + added);
        realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
    }

    private AuthenticatorConfigRepresentation cardConfig() {
        String id = realm.admin().flows().getExecutions("staff card browser").stream()
                .filter(e -> "staff-card-password".equals(e.getProviderId()))
                .findFirst().orElseThrow().getAuthenticationConfig();
        return realm.admin().flows().getAuthenticatorConfig(id);
    }

    private void createStaff(String username, String cardUserId, SoftwareCard card) {
        createStaff(username, cardUserId, card.card().certificate());
    }

    private void createStaff(String username, String cardUserId, X509Certificate certificate) {
        try (Response created = realm.admin().users().create(staff(username, cardUserId, certificate))) {
            assertThat(created.getStatus()).as("creating " + username).isEqualTo(201);
        }
    }

    private static UserRepresentation staff(String username, String cardUserId, SoftwareCard card) {
        return staff(username, cardUserId, card.card().certificate());
    }

    /** An account holding the card user ID and, as a staff card credential, the card with that certificate. */
    private static UserRepresentation staff(String username, String cardUserId, X509Certificate certificate) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName("花子");
        user.setLastName("佐藤");
        user.setEmail(username + "@example.lg.jp");
        user.setAttributes(Map.of("cardUserId", List.of(cardUserId)));
        org.keycloak.representations.idm.CredentialRepresentation password =
                new org.keycloak.representations.idm.CredentialRepresentation();
        password.setType("password");
        password.setValue("Staff-Passw0rd");
        password.setTemporary(false);
        user.setCredentials(List.of(password, CardCredentials.of(cardUserId, certificate)));
        return user;
    }

    private void lowerFailureFactorTo(int failures) {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(failures);
        // Quick successive failures lock the account at once; these tests count failures one by one instead.
        settings.setQuickLoginCheckMilliSeconds(1L);
        realm.admin().update(settings);
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
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

    private static void assertNoCodeIssued(HttpResponse<String> answer) {
        String location = answer.headers().firstValue("Location").orElse("");
        assertThat(location).as("redirect after a refused sign-in").doesNotStartWith(OidcLogin.REDIRECT_URI);
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private static String tamperedSignature(String assertion) {
        int at = assertion.indexOf("\"signature\":\"") + "\"signature\":\"".length();
        char first = assertion.charAt(at);
        return assertion.substring(0, at) + (first == 'A' ? 'B' : 'A') + assertion.substring(at + 1);
    }
}
