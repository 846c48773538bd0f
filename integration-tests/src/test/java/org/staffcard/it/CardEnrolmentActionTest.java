package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.virtualcard.TestCardSpec;
import org.staffcard.virtualcard.TestCertificateAuthority;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staffcard.it.EnrolmentPages.follow;
import static org.staffcard.it.EnrolmentPages.passwordOnlyClient;
import static org.staffcard.it.EnrolmentPages.presentCard;
import static org.staffcard.it.EnrolmentPages.proveWithCode;
import static org.staffcard.it.EnrolmentPages.requireEnrolment;

/**
 * The "Enrol a staff card" required action on the real Keycloak distribution, over HTTP with software cards of a
 * test CA: set by an admin on an account it binds a replacement card after the next card + password sign-in; a
 * sign-in with the card alone or the password alone leaves it for later; device sign-ins wait for it; a wrong card
 * or a withdrawn enrolment code binds nothing; and a realm that disabled the action refuses self-service enrolment
 * instead of signing anyone in without a card.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class CardEnrolmentActionTest {

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String PASSWORD = "Staff-Passw0rd";
    private static final String ENROL = "staff-card-enrol";
    private static final OidcLogin.Client ATTENDANCE_TERMINAL =
            new OidcLogin.Client("attendance-terminal", null, "http://localhost:8084/callback");

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    private TestCertificateAuthority staffCa;
    private StaffCardsApi desk;

    @BeforeEach
    void prepare() {
        desk = ServiceAccountClient.in(realm.admin(), "card-desk", "manage-users", "view-users").staffCardsApi();
        staffCa = TestCertificateAuthority.create("CN=Enrolment Staff Card CA, O=Test Org, C=JP");
        CardSettings.trustInBrowser(realm.admin(), staffCa.certificate());
        realm.admin().clearEvents();
    }

    @Test
    void theRealmKeepsEveryRequiredActionOfKeycloakBesideCardEnrolment() {
        // A realm file that lists required actions replaces Keycloak's own list: a fresh realm shows what it holds.
        RealmRepresentation probe = new RealmRepresentation();
        probe.setRealm("required-actions-probe");
        probe.setEnabled(true);
        adminClient.realms().create(probe);
        Map<String, Boolean> keycloakDefaults;
        try {
            keycloakDefaults = enabledByAlias(adminClient.realm("required-actions-probe").flows().getRequiredActions());
        } finally {
            adminClient.realm("required-actions-probe").remove();
        }

        Map<String, Boolean> staffRealm = enabledByAlias(realm.admin().flows().getRequiredActions());
        Map<String, Boolean> expected = new TreeMap<>(keycloakDefaults);
        expected.put(ENROL, true);
        assertThat(staffRealm).isEqualTo(expected);
        assertThat(realm.admin().flows().getRequiredAction(ENROL).getName()).isEqualTo("Enrol a staff card");
    }

    @Test
    void anAdminSetEnrolmentBindsAReplacementCardAfterTheNextCardAndPasswordSignIn() throws Exception {
        String userId = StaffAccounts.create(realm.admin(), "replace.card", PASSWORD, null);
        SoftwareCard oldCard = card("ACT-0001");
        SoftwareCard newCard = card("ACT-0001");
        assertThat(desk.bind("replace.card", "ACT-0001", oldCard.card().certificate(), "jpki").status())
                .isEqualTo(201);
        requireEnrolment(realm.admin(), userId);

        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage cardPage = signInWithPassword(login, oldCard);
        assertThat(cardPage.html()).contains(ThemeMessages.english("staffCardEnrolCardIntro"))
                .doesNotContain("name=\"password\"");
        HttpResponse<String> enrolled = presentCard(login, cardPage, newCard);

        assertThat(enrolled.statusCode()).as(LoginPage.errorText(enrolled.body())).isEqualTo(302);
        assertThat(login.redeem(enrolled).path("access_token").asText()).isNotEmpty();
        JsonNode cards = desk.list("replace.card").body();
        assertThat(cards).hasSize(2);
        assertThat(cards).extracting(c -> c.path("status").asText()).containsOnly("active");
        assertThat(cards).extracting(c -> c.path("profile").asText()).containsExactlyInAnyOrder("jpki", "piv");
        assertThat(cards).as("the new card signed this sign-in in").allMatch(c -> !c.path("lastUsedAt").isNull());
        assertThat(realm.admin().users().get(userId).toRepresentation().getRequiredActions()).isEmpty();
        assertThat(RealmEvents.last(realm.admin(), "UPDATE_CREDENTIAL").getUserId()).isEqualTo(userId);

        // The session was proven by both cards: revoking the old one, reported stolen, ends it too.
        String oldId = StreamSupport.stream(cards.spliterator(), false)
                .filter(c -> c.path("profile").asText().equals("jpki")).findFirst().orElseThrow()
                .path("id").asText();
        StaffCardsApi.Answer revoked = desk.revoke("replace.card", oldId, "stolen", null);
        assertThat(revoked.body().path("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(realm.admin().users().get(userId).getUserSessions()).isEmpty();
    }

    @Test
    void aSignInWithTheCardAloneLeavesTheEnrolmentForTheNextSignInWithThePassword() throws Exception {
        String userId = StaffAccounts.create(realm.admin(), "card.only", PASSWORD, null);
        SoftwareCard card = card("ACT-0002");
        assertThat(desk.bind("card.only", "ACT-0002", card.card().certificate(), null).status()).isEqualTo(201);
        requireEnrolment(realm.admin(), userId);

        OidcLogin terminal = new OidcLogin(ORIGIN).as(ATTENDANCE_TERMINAL);
        LoginPage page = terminal.open(Map.of());
        HttpResponse<String> answer = terminal.submit(page, card.assertion(ORIGIN, page.challenge()));

        // Keycloak looks at the account's required actions on the way back; the enrolment lets this one pass.
        HttpResponse<String> landed = follow(terminal, answer);
        assertThat(landed.statusCode()).as(LoginPage.errorText(landed.body())).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location").orElseThrow())
                .startsWith(ATTENDANCE_TERMINAL.redirectUri());
        assertThat(realm.admin().users().get(userId).toRepresentation().getRequiredActions()).containsExactly(ENROL);
        LoginPage cardPage = signInWithPassword(new OidcLogin(ORIGIN), card);
        assertThat(cardPage.html()).contains(ThemeMessages.english("staffCardEnrolCardIntro"));
    }

    @Test
    void aSignInWithThePasswordAloneThroughAnotherFlowLeavesTheEnrolmentOnTheAccount() throws Exception {
        String userId = StaffAccounts.create(realm.admin(), "password.only", PASSWORD, null);
        requireEnrolment(realm.admin(), userId);
        OidcLogin.Client passwordApp = passwordOnlyClient(realm.admin());

        OidcLogin login = new OidcLogin(ORIGIN).as(passwordApp);
        String page = login.get(login.authorizationUrl()).body();
        Matcher form = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page);
        assertThat(form.find()).as("Keycloak's username and password form").isTrue();
        HttpResponse<String> signedIn = login.post(form.group(1).replace("&amp;", "&"),
                Map.of("username", "password.only", "password", PASSWORD));
        HttpResponse<String> landed = follow(login, signedIn);

        assertThat(landed.statusCode()).as(LoginPage.errorText(landed.body())).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location").orElseThrow()).startsWith(passwordApp.redirectUri());
        assertThat(landed.body()).doesNotContain("data-challenge");
        assertThat(realm.admin().users().get(userId).toRepresentation().getRequiredActions()).containsExactly(ENROL);
        assertThat(desk.list("password.only").body()).isEmpty();
    }

    @Test
    void aCardWithAnotherUserIdIsRefusedAndTheAccountKeepsTheAction() throws Exception {
        String userId = StaffAccounts.create(realm.admin(), "wrong.card", PASSWORD, null);
        SoftwareCard card = card("ACT-0003");
        assertThat(desk.bind("wrong.card", "ACT-0003", card.card().certificate(), null).status()).isEqualTo(201);
        requireEnrolment(realm.admin(), userId);
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage cardPage = signInWithPassword(login, card);

        HttpResponse<String> refused = presentCard(login, cardPage, card("ACT-OTHER"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains(ThemeMessages.english("staffCardEnrolIdMismatch"));
        assertThat(RealmEvents.last(realm.admin(), "CUSTOM_REQUIRED_ACTION_ERROR").getError())
                .isEqualTo("card_user_id_mismatch");
        assertThat(desk.list("wrong.card").body()).hasSize(1);
        assertThat(realm.admin().users().get(userId).toRepresentation().getRequiredActions()).containsExactly(ENROL);

        // The page shown again carries a fresh challenge, and the right card is bound with it.
        HttpResponse<String> enrolled = presentCard(login, LoginPage.parse(refused.body()), card("ACT-0003"));
        assertThat(enrolled.statusCode()).as(LoginPage.errorText(enrolled.body())).isEqualTo(302);
        assertThat(desk.list("wrong.card").body()).hasSize(2);
    }

    @Test
    void aCodeWithdrawnWhileTheCardIsOnTheReaderBindsNothing() throws Exception {
        StaffAccounts.create(realm.admin(), "code.withdrawn", PASSWORD, null);
        String code = desk.issueEnrolmentCode("code.withdrawn").body().path("code").asText();
        OidcLogin login = new OidcLogin(ORIGIN);
        HttpResponse<String> proven = proveWithCode(login, "code.withdrawn", PASSWORD, code);
        LoginPage cardPage = LoginPage.parse(follow(login, proven).body());

        // The admin issues a new code, which withdraws the one in use, before the card signs.
        assertThat(desk.issueEnrolmentCode("code.withdrawn").status()).isEqualTo(201);
        HttpResponse<String> refused = presentCard(login, cardPage, card("ACT-0004"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains(ThemeMessages.english("staffCardEnrolCodeWithdrawn"));
        assertThat(RealmEvents.last(realm.admin(), "CUSTOM_REQUIRED_ACTION_ERROR").getError())
                .isEqualTo("card_enrolment_code_invalid");
        assertThat(desk.list("code.withdrawn").body()).isEmpty();
    }

    @Test
    void oneEnrolmentCodeUsedInTwoTabsAtOnceBindsOneCard() throws Exception {
        // The race is not forced; each round presents both cards together, which makes it likely.
        ExecutorService tabs = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String username = "two.tabs" + round;
                StaffAccounts.create(realm.admin(), username, PASSWORD, null);
                String code = desk.issueEnrolmentCode(username).body().path("code").asText();
                CyclicBarrier present = new CyclicBarrier(2);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int tab = 0; tab < 2; tab++) {
                    OidcLogin login = new OidcLogin(ORIGIN);
                    HttpResponse<String> proven = proveWithCode(login, username, PASSWORD, code);
                    LoginPage cardPage = LoginPage.parse(follow(login, proven).body());
                    SoftwareCard card = card("TABS-" + round);
                    answers.add(tabs.submit(() -> {
                        present.await();
                        return presentCard(login, cardPage, card);
                    }));
                }

                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    statuses.add(answer.get(30, TimeUnit.SECONDS).statusCode());
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 302);
                assertThat(desk.list(username).body()).as("round %d", round).hasSize(1);
            }
        } finally {
            tabs.shutdownNow();
        }
    }

    @Test
    void selfServiceEnrolmentIsRefusedWhileTheRequiredActionIsDisabled() throws Exception {
        StaffAccounts.create(realm.admin(), "action.off", PASSWORD, null);
        String code = desk.issueEnrolmentCode("action.off").body().path("code").asText();
        RequiredActionProviderRepresentation action = realm.admin().flows().getRequiredAction(ENROL);
        action.setEnabled(false);
        realm.admin().flows().updateRequiredAction(ENROL, action);
        try {
            HttpResponse<String> refused = proveWithCode(new OidcLogin(ORIGIN), "action.off", PASSWORD, code);

            assertThat(refused.statusCode()).as("no sign-in without a card").isEqualTo(200);
            assertThat(refused.body()).contains(ThemeMessages.english("cardLoginUnavailable"));
            assertThat(RealmEvents.last(realm.admin(), "LOGIN_ERROR").getError())
                    .isEqualTo("card_enrolment_not_enabled");
            String userId = realm.admin().users().searchByUsername("action.off", true).get(0).getId();
            assertThat(realm.admin().users().get(userId).getUserSessions()).isEmpty();
        } finally {
            action.setEnabled(true);
            realm.admin().flows().updateRequiredAction(ENROL, action);
        }
    }

    @Test
    void aPendingEnrolmentHoldsDeviceSignInsUntilABrowserSignInFinishesIt() throws Exception {
        String userId = StaffAccounts.create(realm.admin(), "device.user", PASSWORD, null);
        SoftwareCard card = card("ACT-0005");
        assertThat(desk.bind("device.user", "ACT-0005", card.card().certificate(), null).status()).isEqualTo(201);
        CardSettings.trustInDevices(realm.admin(), staffCa.certificate());
        requireEnrolment(realm.admin(), userId);

        DeviceExchange.Answer held = pcLogon(card);
        assertThat(held.status()).as(held.body().toString()).isEqualTo(400);
        assertThat(held.field("error")).isEqualTo("invalid_grant");
        assertThat(held.field("error_description")).isEqualTo("Account is not fully set up");

        OidcLogin login = new OidcLogin(ORIGIN);
        HttpResponse<String> enrolled = presentCard(login, signInWithPassword(login, card), card("ACT-0005"));
        assertThat(enrolled.statusCode()).as(LoginPage.errorText(enrolled.body())).isEqualTo(302);
        DeviceExchange.Answer released = pcLogon(card);
        assertThat(released.status()).as(released.body().toString()).isEqualTo(200);
    }

    private SoftwareCard card(String cardUserId) {
        return new SoftwareCard(staffCa.issue(TestCardSpec.of(cardUserId)));
    }

    private static DeviceExchange.Answer pcLogon(SoftwareCard card) throws Exception {
        String challenge = DeviceExchange.challenge("pc-logon").field("challenge");
        return DeviceExchange.exchange("pc-logon", "pc-logon-secret", challenge, card.assertion(ORIGIN, challenge),
                PASSWORD);
    }

    /** Signs in with card and password, and answers the enrolment page Keycloak sends the browser on to. */
    private static LoginPage signInWithPassword(OidcLogin login, SoftwareCard card) throws Exception {
        LoginPage page = login.open();
        HttpResponse<String> signedIn = login.submit(page, card.assertion(ORIGIN, page.challenge()), PASSWORD);
        return LoginPage.parse(follow(login, signedIn).body());
    }

    private static Map<String, Boolean> enabledByAlias(List<RequiredActionProviderRepresentation> actions) {
        Map<String, Boolean> enabled = new TreeMap<>();
        actions.forEach(action -> enabled.put(action.getAlias(), action.isEnabled()));
        return enabled;
    }
}
