package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.virtualcard.CertificateKeyUsage;
import org.staffcard.virtualcard.TestCardSpec;
import org.staffcard.virtualcard.TestCertificateAuthority;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staffcard.it.EnrolmentPages.follow;
import static org.staffcard.it.EnrolmentPages.passwordOnlyClient;
import static org.staffcard.it.EnrolmentPages.presentCard;
import static org.staffcard.it.EnrolmentPages.requireEnrolment;

/**
 * Hostile use of the "Enrol a staff card" required action and of self-service enrolment, over HTTP with software
 * cards of a test CA, as a staff member or a web page without the proof the action asks for would try it. Every
 * assertion states the secure outcome; lines starting with "[hostile use]" record what the server answered (statuses,
 * event errors, counts; never a password, PIN, code or challenge).
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class EnrolmentHostileUseTest {

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String PASSWORD = "Staff-Passw0rd";
    private static final String ENROL = "staff-card-enrol";
    private static final String CODE_TYPE = "staff-card-enrolment-code";
    private static final Map<String, String> APP_ASKS_FOR_ENROLMENT = Map.of("kc_action", ENROL);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OidcLogin.Client ATTENDANCE_TERMINAL =
            new OidcLogin.Client("attendance-terminal", null, "http://localhost:8084/callback");
    private static final OidcLogin.Client ACCOUNT_CONSOLE =
            new OidcLogin.Client("account-console", null, ORIGIN + "/realms/staff/account/");

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private TestCertificateAuthority staffCa;
    private StaffCardsApi desk;

    @BeforeEach
    void prepare() {
        desk = ServiceAccountClient.in(realm.admin(), "card-desk", "manage-users", "view-users").staffCardsApi();
        staffCa = TestCertificateAuthority.create("CN=Hostile Use Staff Card CA, O=Test Org, C=JP");
        CardSettings.trustInBrowser(realm.admin(), staffCa.certificate());
        realm.admin().clearEvents();
    }

    // ---- application-initiated action -------------------------------------------------------------------------

    @Test
    void anAppAskingForTheEnrolmentDoesNotLetPasswordAndCodeSignInWithoutACard() throws Exception {
        String username = account("aia.code", null);
        String userId = userId(username);
        String code = desk.issueEnrolmentCode(username).body().path("code").asText();
        OidcLogin login = new OidcLogin(ORIGIN);

        HttpResponse<String> proven = proveWithCode(login, username, code, APP_ASKS_FOR_ENROLMENT);
        assertThat(proven.statusCode()).as(LoginPage.errorText(proven.body())).isEqualTo(302);
        HttpResponse<String> landed = login.get(location(proven));

        boolean reachedApp = landed.statusCode() == 302 && location(landed).startsWith(OidcLogin.REDIRECT_URI);
        observe("kc_action + password + code: status %d, reached the app with a code: %s, card page shown: %s",
                landed.statusCode(), reachedApp && location(landed).contains("code="),
                landed.body().contains("data-challenge"));
        if (reachedApp && location(landed).contains("code=")) {
            JsonNode claims = IdTokens.verifiedClaims(login.realmUrl(),
                    login.redeem(landed).path("id_token").asText());
            observe("tokens issued without a card: acr=%s, amr=%s, sessions=%d, cards=%d, code still pending=%s",
                    claims.path("acr").asText(), claims.path("amr"),
                    realm.admin().users().get(userId).getUserSessions().size(), desk.list(username).body().size(),
                    codePending(userId));
        }

        assertThat(reachedApp).as("password + enrolment code must not reach the app without a card").isFalse();
        assertThat(landed.body()).as("the card page of the enrolment").contains("data-challenge");
        assertThat(realm.admin().users().get(userId).getUserSessions()).isEmpty();
    }

    @Test
    void anAppAskingForTheEnrolmentOnASingleSignOnSessionShowsNoCardPageAndBindsNothing() throws Exception {
        String username = account("aia.sso", "AIA-SSO-1");
        SoftwareCard card = card("AIA-SSO-1");
        assertThat(desk.bind(username, "AIA-SSO-1", card.card().certificate(), null).status()).isEqualTo(201);
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        HttpResponse<String> signedIn = login.submit(page, card.assertion(ORIGIN, page.challenge()), PASSWORD);
        assertThat(signedIn.statusCode()).as(LoginPage.errorText(signedIn.body())).isEqualTo(302);

        HttpResponse<String> again = login.get(login.authorizationUrl(APP_ASKS_FOR_ENROLMENT));
        observe("kc_action on an SSO session: status %d, card page shown: %s, kc_action_status=%s",
                again.statusCode(), again.body().contains("data-challenge"),
                again.statusCode() == 302 ? queryOrEmpty(location(again), "kc_action_status") : "");
        assertThat(again.body()).as("no card page on the cookie alone").doesNotContain("data-challenge");

        // An admin-set enrolment is not run by the cookie either.
        requireEnrolment(realm.admin(), userId(username));
        HttpResponse<String> third = login.get(login.authorizationUrl());
        observe("admin-set action on an SSO session: status %d, card page shown: %s", third.statusCode(),
                third.body().contains("data-challenge"));
        assertThat(third.body()).doesNotContain("data-challenge");
        assertThat(desk.list(username).body()).hasSize(1);
        assertThat(realm.admin().users().get(userId(username)).toRepresentation().getRequiredActions())
                .containsExactly(ENROL);
    }

    @Test
    void aCancelPostedOnTheCardPageSignsNobodyIn() throws Exception {
        String username = account("cancel.aia", null);
        String code = desk.issueEnrolmentCode(username).body().path("code").asText();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = LoginPage.parse(follow(login, proveWithCode(login, username, code, Map.of())).body());

        HttpResponse<String> cancelled = login.post(page.action(), Map.of("cancel-aia", "true"));
        observe("cancel-aia on the code path's card page: status %d, %s", cancelled.statusCode(),
                cancelled.statusCode() == 302 ? redirectKind(location(cancelled)) : "page");
        assertThat(cancelled.statusCode() == 302 && location(cancelled).contains("code="))
                .as("no code issued by cancelling the card step").isFalse();
        assertThat(realm.admin().users().get(userId(username)).getUserSessions()).isEmpty();
    }

    // ---- the action's URL without the proof ------------------------------------------------------------------

    @Test
    void aHandMadePostToTheActionAfterACardOnlySignInBindsNothing() throws Exception {
        String username = account("post.cardonly", "POST-CO-1");
        SoftwareCard card = card("POST-CO-1");
        assertThat(desk.bind(username, "POST-CO-1", card.card().certificate(), null).status()).isEqualTo(201);
        requireEnrolment(realm.admin(), userId(username));

        OidcLogin terminal = new OidcLogin(ORIGIN).as(ATTENDANCE_TERMINAL);
        LoginPage page = terminal.open(Map.of());
        HttpResponse<String> answer = terminal.submit(page, card.assertion(ORIGIN, page.challenge()));
        assertThat(answer.statusCode()).as(LoginPage.errorText(answer.body())).isEqualTo(302);
        String actionUrl = requiredActionUrl(location(answer));

        HttpResponse<String> posted = terminal.post(actionUrl, Map.of("staffcardEnrol", "card",
                "cardAssertion", card("POST-CO-1").assertion(ORIGIN, page.challenge()), "cardProfile", "piv"));
        observe("post to the action after a card-only sign-in: status %d, to %s, last action error %s",
                posted.statusCode(), posted.statusCode() == 302 ? redirectKind(location(posted)) : "-",
                lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"));
        assertThat(desk.list(username).body()).as("no card bound by a card-only sign-in").hasSize(1);
        assertThat(realm.admin().users().get(userId(username)).toRepresentation().getRequiredActions())
                .containsExactly(ENROL);
    }

    @Test
    void aHandMadePostToTheActionAfterAPasswordOnlySignInBindsNothing() throws Exception {
        String username = account("post.pwonly", "POST-PW-1");
        SoftwareCard card = card("POST-PW-1");
        assertThat(desk.bind(username, "POST-PW-1", card.card().certificate(), null).status()).isEqualTo(201);
        requireEnrolment(realm.admin(), userId(username));
        OidcLogin.Client app = passwordOnlyClient(realm.admin());

        OidcLogin login = new OidcLogin(ORIGIN).as(app);
        String pageHtml = login.get(login.authorizationUrl()).body();
        Matcher form = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(pageHtml);
        assertThat(form.find()).isTrue();
        HttpResponse<String> signedIn = login.post(form.group(1).replace("&amp;", "&"),
                Map.of("username", username, "password", PASSWORD));
        assertThat(signedIn.statusCode()).as(LoginPage.errorText(signedIn.body())).isEqualTo(302);
        String actionUrl = requiredActionUrl(location(signedIn));

        // A challenge of this server, from another tab, signed by a new card of the account's ID.
        OidcLogin other = new OidcLogin(ORIGIN);
        LoginPage otherPage = other.open();
        HttpResponse<String> posted = login.post(actionUrl, Map.of("staffcardEnrol", "card",
                "cardAssertion", card("POST-PW-1").assertion(ORIGIN, otherPage.challenge()), "cardProfile", "piv"));
        observe("post to the action after a password-only sign-in: status %d, to %s, last action error %s",
                posted.statusCode(), posted.statusCode() == 302 ? redirectKind(location(posted)) : "-",
                lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"));
        assertThat(desk.list(username).body()).as("no card bound by a password-only sign-in").hasSize(1);
        assertThat(realm.admin().users().get(userId(username)).toRepresentation().getRequiredActions())
                .containsExactly(ENROL);
    }

    // ---- replayed assertions ---------------------------------------------------------------------------------

    @Test
    void anAssertionOverTheLoginPagesChallengeIsRefusedByTheAction() throws Exception {
        String username = account("replay.login", "REPLAY-1");
        SoftwareCard oldCard = card("REPLAY-1");
        assertThat(desk.bind(username, "REPLAY-1", oldCard.card().certificate(), null).status()).isEqualTo(201);
        requireEnrolment(realm.admin(), userId(username));
        SoftwareCard newCard = card("REPLAY-1");

        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        String loginChallenge = page.challenge();
        HttpResponse<String> signedIn = login.submit(page, oldCard.assertion(ORIGIN, loginChallenge), PASSWORD);
        LoginPage cardPage = LoginPage.parse(follow(login, signedIn).body());

        HttpResponse<String> replayed = login.post(cardPage.action(), Map.of("staffcardEnrol", "card",
                "cardAssertion", newCard.assertion(ORIGIN, loginChallenge), "cardProfile", "piv"));
        observe("new card over the login page's challenge: status %d, error %s", replayed.statusCode(),
                lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"));
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(desk.list(username).body()).hasSize(1);

        // A card page whose challenge a reload of the page has since replaced.
        String replaced = LoginPage.parse(replayed.body()).challenge();
        HttpResponse<String> reloaded = login.get(cardPage.action());
        assertThat(reloaded.statusCode()).isEqualTo(200);
        LoginPage fresh = LoginPage.parse(reloaded.body());
        HttpResponse<String> stale = login.post(fresh.action(), Map.of("staffcardEnrol", "card",
                "cardAssertion", newCard.assertion(ORIGIN, replaced), "cardProfile", "piv"));
        observe("new card over an earlier card page's challenge: status %d, error %s", stale.statusCode(),
                lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(desk.list(username).body()).hasSize(1);
    }

    @Test
    void anAssertionMadeInOneTabIsRefusedInAnotherAndCannotBeSpentTwice() throws Exception {
        String username = account("replay.tabs", "TABS-1");
        String code = desk.issueEnrolmentCode(username).body().path("code").asText();
        SoftwareCard card = card("TABS-1");

        OidcLogin tabA = new OidcLogin(ORIGIN);
        LoginPage pageA = LoginPage.parse(follow(tabA, proveWithCode(tabA, username, code, Map.of())).body());
        OidcLogin tabB = new OidcLogin(ORIGIN);
        LoginPage pageB = LoginPage.parse(follow(tabB, proveWithCode(tabB, username, code, Map.of())).body());

        String madeForA = card.assertion(ORIGIN, pageA.challenge());
        HttpResponse<String> inB = tabB.post(pageB.action(), Map.of("staffcardEnrol", "card",
                "cardAssertion", madeForA, "cardProfile", "jpki"));
        observe("tab A's assertion posted in tab B: status %d, error %s", inB.statusCode(),
                lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"));
        assertThat(inB.statusCode()).isEqualTo(200);
        assertThat(desk.list(username).body()).isEmpty();

        HttpResponse<String> first = tabA.post(pageA.action(), Map.of("staffcardEnrol", "card",
                "cardAssertion", madeForA, "cardProfile", "jpki"));
        assertThat(first.statusCode()).as(LoginPage.errorText(first.body())).isEqualTo(302);
        HttpResponse<String> second = tabA.post(pageA.action(), Map.of("staffcardEnrol", "card",
                "cardAssertion", madeForA, "cardProfile", "jpki"));
        observe("the same assertion posted again after it bound: status %d, %s", second.statusCode(),
                second.statusCode() == 302 ? redirectKind(location(second)) : "page");
        assertThat(second.statusCode() == 302 && location(second).contains("code="))
                .as("a second post of a spent assertion issues no code").isFalse();
        assertThat(desk.list(username).body()).hasSize(1);
        assertThat(realm.admin().users().get(userId(username)).getUserSessions()).hasSize(1);
    }

    // ---- the card presented ----------------------------------------------------------------------------------

    @Test
    void aCardOfAnotherIdOrOfAnotherAccountIsRefusedWhateverItsCase() throws Exception {
        String victim = account("victim.one", "VIC-0001");
        String attacker = account("attacker.one", "ATK-0001");
        String code = desk.issueEnrolmentCode(attacker).body().path("code").asText();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = LoginPage.parse(follow(login, proveWithCode(login, attacker, code, Map.of())).body());

        Map<String, String> refusals = new LinkedHashMap<>();
        for (String claimed : List.of("ATK-9999", "atk-0001", "VIC-0001", "vic-0001")) {
            HttpResponse<String> answer = presentCard(login, page, card(claimed));
            refusals.put(claimed, answer.statusCode() + " " + lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"));
            assertThat(answer.statusCode()).as("card %s on account holding ATK-0001", claimed).isEqualTo(200);
            page = LoginPage.parse(answer.body());
        }
        observe("cards presented by an account holding ATK-0001: %s", refusals);
        assertThat(desk.list(attacker).body()).isEmpty();
        assertThat(desk.list(victim).body()).isEmpty();

        // An account that holds no card user ID takes the card's: it must not take another account's.
        String blank = account("attacker.blank", null);
        String blankCode = desk.issueEnrolmentCode(blank).body().path("code").asText();
        OidcLogin second = new OidcLogin(ORIGIN);
        LoginPage blankPage = LoginPage.parse(follow(second, proveWithCode(second, blank, blankCode, Map.of()))
                .body());
        Map<String, String> taken = new LinkedHashMap<>();
        for (String claimed : List.of("VIC-0001", "vic-0001", "Vic-0001")) {
            HttpResponse<String> answer = presentCard(second, blankPage, card(claimed));
            taken.put(claimed, answer.statusCode() + " " + lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"));
            assertThat(answer.statusCode()).as("card %s on an account holding no ID", claimed).isEqualTo(200);
            blankPage = LoginPage.parse(answer.body());
        }
        observe("another account's ID in its case variants, on an account holding none: %s", taken);
        assertThat(desk.list(blank).body()).isEmpty();
    }

    @Test
    void aMixedCaseVariantOfAnotherAccountsIdIsRefused() throws Exception {
        String victim = account("victim.mixed", "Vic-MiX-03");
        String blank = account("attacker.mixed", null);
        String code = desk.issueEnrolmentCode(blank).body().path("code").asText();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = LoginPage.parse(follow(login, proveWithCode(login, blank, code, Map.of())).body());

        HttpResponse<String> answer = presentCard(login, page, card("vIC-mIx-03"));
        observe("card vIC-mIx-03 while another account holds Vic-MiX-03: status %d, error %s, attacker's IDs %s",
                answer.statusCode(), lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"),
                realm.admin().users().get(userId(blank)).toRepresentation().getAttributes());
        assertThat(answer.statusCode()).as("the documented rule: a card user ID held by another account is "
                + "refused, case ignored").isEqualTo(200);
        assertThat(desk.list(blank).body()).isEmpty();
        assertThat(desk.list(victim).body()).isEmpty();
    }

    @Test
    void untrustedExpiredWrongPurposeAndMalformedCardsBindNothingAndNeverFailTheServer() throws Exception {
        String username = account("bad.cards", "BAD-0001");
        String code = desk.issueEnrolmentCode(username).body().path("code").asText();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = LoginPage.parse(follow(login, proveWithCode(login, username, code, Map.of())).body());

        TestCertificateAuthority foreignCa = TestCertificateAuthority.create("CN=Foreign CA, O=Elsewhere, C=JP");
        Instant now = Instant.now();
        Map<String, SoftwareCard> badCards = new LinkedHashMap<>();
        badCards.put("untrusted CA", new SoftwareCard(foreignCa.issue(TestCardSpec.of("BAD-0001"))));
        badCards.put("expired", new SoftwareCard(staffCa.issue(TestCardSpec.of("BAD-0001")
                .withValidity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))))));
        badCards.put("not yet valid", new SoftwareCard(staffCa.issue(TestCardSpec.of("BAD-0001")
                .withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))))));
        badCards.put("key encipherment only", new SoftwareCard(staffCa.issue(TestCardSpec.of("BAD-0001")
                .withKeyUsage(EnumSet.of(CertificateKeyUsage.KEY_ENCIPHERMENT)))));
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, SoftwareCard> bad : badCards.entrySet()) {
            HttpResponse<String> answer = presentCard(login, page, bad.getValue());
            seen.put(bad.getKey(), answer.statusCode() + " " + lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"));
            assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(200);
            page = LoginPage.parse(answer.body());
        }

        SoftwareCard good = card("BAD-0001");
        String valid = good.assertion(ORIGIN, page.challenge());
        ObjectNode numberId = (ObjectNode) JSON.readTree(valid);
        numberId.put("cardUserId", 5);
        ObjectNode extraField = (ObjectNode) JSON.readTree(valid);
        extraField.put("cardUserIdOverride", "VIC-0001");
        Map<String, Map<String, String>> garbage = new LinkedHashMap<>();
        garbage.put("no cardAssertion field", Map.of("staffcardEnrol", "card"));
        garbage.put("empty", Map.of("staffcardEnrol", "card", "cardAssertion", ""));
        garbage.put("200000 characters", Map.of("staffcardEnrol", "card", "cardAssertion", "A".repeat(200_000)));
        garbage.put("JSON array", Map.of("staffcardEnrol", "card", "cardAssertion", "[1,2,3]"));
        garbage.put("deep nesting", Map.of("staffcardEnrol", "card", "cardAssertion",
                "[".repeat(5000) + "]".repeat(5000)));
        garbage.put("number as card user ID", Map.of("staffcardEnrol", "card", "cardAssertion",
                numberId.toString()));
        garbage.put("unknown field", Map.of("staffcardEnrol", "card", "cardAssertion", extraField.toString()));
        garbage.put("profile 100000 characters, no assertion", Map.of("staffcardEnrol", "card",
                "cardProfile", "p".repeat(100_000)));
        for (Map.Entry<String, Map<String, String>> bad : garbage.entrySet()) {
            HttpResponse<String> answer = login.post(page.action(), bad.getValue());
            seen.put(bad.getKey(), answer.statusCode() + " " + lastErrorOrNone("CUSTOM_REQUIRED_ACTION_ERROR"));
            assertThat(answer.statusCode()).as(bad.getKey()).isBetween(200, 499);
            if (answer.statusCode() == 200 && answer.body().contains("data-challenge")) {
                page = LoginPage.parse(answer.body());
            }
        }
        observe("bad cards and malformed posts on the card page: %s", seen);
        assertThat(desk.list(username).body()).as("nothing bound").isEmpty();
        assertThat(realm.admin().users().get(userId(username)).getUserSessions()).isEmpty();

        // After all that the page still binds the right card, and a made-up profile is not stored as one.
        HttpResponse<String> bound = login.post(page.action(), Map.of("staffcardEnrol", "card",
                "cardAssertion", good.assertion(ORIGIN, page.challenge()), "cardProfile", "<script>x</script>"));
        assertThat(bound.statusCode()).as(LoginPage.errorText(bound.body())).isEqualTo(302);
        JsonNode cards = desk.list(username).body();
        observe("good card with a made-up profile: status %d, stored profile '%s'", bound.statusCode(),
                cards.path(0).path("profile").asText());
        assertThat(cards).hasSize(1);
        assertThat(cards.path(0).path("profile").asText()).isIn("", "null");
    }

    @Test
    void aLostCardIsReplacedWithAnEnrolmentCodeByACardOfTheSameKind() throws Exception {
        String username = account("lost.card", "LOST-0001");
        SoftwareCard lost = card("LOST-0001");
        assertThat(desk.bind(username, "LOST-0001", lost.card().certificate(), "jpki").status()).isEqualTo(201);
        String lostId = desk.list(username).body().path(0).path("id").asText();
        assertThat(desk.revoke(username, lostId, "lost", null).status()).isEqualTo(200);

        String code = desk.issueEnrolmentCode(username).body().path("code").asText();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = LoginPage.parse(follow(login, proveWithCode(login, username, code, Map.of())).body());
        HttpResponse<String> replaced = login.post(page.action(), Map.of("staffcardEnrol", "card",
                "cardAssertion", card("LOST-0001").assertion(ORIGIN, page.challenge()), "cardProfile", "jpki"));
        observe("replacement of a revoked JPKI card by a new JPKI card with a code: status %d, page error '%s', "
                + "cards %d, code still pending %s", replaced.statusCode(), LoginPage.errorText(replaced.body()),
                desk.list(username).body().size(), codePending(userId(username)));

        StaffCardsApi.Answer second = desk.bind(username, "LOST-0001", card("LOST-0001").card().certificate(),
                "jpki");
        observe("a further JPKI card of the same ID through the staff-cards API: status %d, error %s",
                second.status(), second.body().path("error").asText());
        assertThat(replaced.statusCode()).as("the replacement card is bound and the staff member signed in")
                .isEqualTo(302);
        assertThat(second.status()).as("cards of one kind and ID get labels of their own").isEqualTo(201);
        assertThat(desk.list(username).body()).hasSize(3);
    }

    // ---- the staff member's own account API ------------------------------------------------------------------

    @Test
    void theAccountApiNeitherSetsTheActionNorWritesCardIdsNorRemovesACard() throws Exception {
        String username = account("self.service", "SELF-0001");
        SoftwareCard card = card("SELF-0001");
        assertThat(desk.bind(username, "SELF-0001", card.card().certificate(), null).status()).isEqualTo(201);
        String token = accountConsoleToken(card);
        String cardId = desk.list(username).body().path(0).path("id").asText();

        HttpResponse<String> types = account("GET", "/credentials", token, null);
        List<String> setUpActions = new ArrayList<>();
        JSON.readTree(types.body()).forEach(type -> {
            if (type.has("createAction")) {
                setUpActions.add(type.path("type").asText() + "->" + type.path("createAction").asText());
            }
        });
        observe("account API credential types with a set-up action: %s", setUpActions);
        assertThat(setUpActions).noneMatch(action -> action.endsWith("->" + ENROL));

        ObjectNode me = (ObjectNode) JSON.readTree(account("GET", "", token, null).body());
        me.putArray("requiredActions").add(ENROL);
        me.putObject("attributes").putArray("cardUserId").add("VIC-0001").add("SELF-0002");
        HttpResponse<String> update = account("POST", "", token, me.toString());
        UserRepresentation after = realm.admin().users().get(userId(username)).toRepresentation();
        observe("account API update with requiredActions and cardUserId: status %d; required actions %s, "
                + "cardUserId %s", update.statusCode(), after.getRequiredActions(),
                after.getAttributes().get("cardUserId"));
        assertThat(after.getRequiredActions()).isEmpty();
        assertThat(after.getAttributes().get("cardUserId")).containsExactly("SELF-0001");

        HttpResponse<String> removed = account("DELETE", "/credentials/" + cardId, token, null);
        observe("account API delete of the staff card credential: status %d", removed.statusCode());
        assertThat(removed.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(desk.list(username).body()).hasSize(1);
    }

    // ---- sessions and revocation -----------------------------------------------------------------------------

    @Test
    void revokingTheCardEnrolledWithACodeEndsTheSessionItOpened() throws Exception {
        String username = account("revoke.code", "REV-0001");
        String code = desk.issueEnrolmentCode(username).body().path("code").asText();
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = LoginPage.parse(follow(login, proveWithCode(login, username, code, Map.of())).body());
        HttpResponse<String> bound = presentCard(login, page, card("REV-0001"));
        assertThat(bound.statusCode()).as(LoginPage.errorText(bound.body())).isEqualTo(302);
        String refreshToken = login.redeem(bound).path("refresh_token").asText();

        String cardId = desk.list(username).body().path(0).path("id").asText();
        StaffCardsApi.Answer revoked = desk.revoke(username, cardId, "lost", null);
        int refreshStatus = login.refresh(refreshToken).statusCode();
        observe("revoking the code-enrolled card: sessionsEnded %s, sessions left %d, refresh status %d",
                revoked.body().path("sessionsEnded"), realm.admin().users().get(userId(username))
                        .getUserSessions().size(), refreshStatus);
        assertThat(revoked.body().path("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(realm.admin().users().get(userId(username)).getUserSessions()).isEmpty();
        assertThat(refreshStatus).isEqualTo(400);
    }

    @Test
    void revokingTheNewCardOfAReplacementEndsTheSession() throws Exception {
        String username = account("revoke.new", "REV-0002");
        SoftwareCard oldCard = card("REV-0002");
        assertThat(desk.bind(username, "REV-0002", oldCard.card().certificate(), null).status()).isEqualTo(201);
        requireEnrolment(realm.admin(), userId(username));
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        HttpResponse<String> signedIn = login.submit(page, oldCard.assertion(ORIGIN, page.challenge()), PASSWORD);
        LoginPage cardPage = LoginPage.parse(follow(login, signedIn).body());
        assertThat(presentCard(login, cardPage, card("REV-0002")).statusCode()).isEqualTo(302);

        String oldSpki = oldCard.card().spkiSha256();
        String newId = StreamSupport.stream(desk.list(username).body().spliterator(), false)
                .filter(c -> !c.path("spkiSha256").asText().equals(oldSpki)).findFirst().orElseThrow()
                .path("id").asText();
        StaffCardsApi.Answer revoked = desk.revoke(username, newId, "stolen", null);
        observe("revoking the replacement card: sessionsEnded %s", revoked.body().path("sessionsEnded"));
        assertThat(revoked.body().path("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(realm.admin().users().get(userId(username)).getUserSessions()).isEmpty();
    }

    @Test
    void revokingTheCardThatStartedASessionEndsItAfterAStepUpWithAnotherCard() throws Exception {
        String username = account("revoke.stepup", "REV-0003");
        SoftwareCard first = card("REV-0003");
        SoftwareCard second = card("REV-0003");
        // Two profiles, so that the two default labels differ.
        assertThat(desk.bind(username, "REV-0003", first.card().certificate(), "jpki").status()).isEqualTo(201);
        assertThat(desk.bind(username, "REV-0003", second.card().certificate(), "piv").status()).isEqualTo(201);

        OidcLogin login = new OidcLogin(ORIGIN).as(ATTENDANCE_TERMINAL);
        LoginPage cardOnly = login.open(Map.of());
        HttpResponse<String> terminal = login.submit(cardOnly, first.assertion(ORIGIN, cardOnly.challenge()));
        assertThat(terminal.statusCode()).as(LoginPage.errorText(terminal.body())).isEqualTo(302);
        LoginPage stepUp = login.as(OidcLogin.DEMO_WEB_APP).open();
        HttpResponse<String> raised = login.submit(stepUp, second.assertion(ORIGIN, stepUp.challenge()), PASSWORD);
        assertThat(raised.statusCode()).as(LoginPage.errorText(raised.body())).isEqualTo(302);
        assertThat(realm.admin().users().get(userId(username)).getUserSessions()).hasSize(1);

        String firstSpki = first.card().spkiSha256();
        String firstId = StreamSupport.stream(desk.list(username).body().spliterator(), false)
                .filter(c -> c.path("spkiSha256").asText().equals(firstSpki)).findFirst().orElseThrow()
                .path("id").asText();
        StaffCardsApi.Answer revoked = desk.revoke(username, firstId, "stolen", null);
        observe("revoking the card that started the session, after a step-up with another card: sessionsEnded %s, "
                + "sessions left %d", revoked.body().path("sessionsEnded"),
                realm.admin().users().get(userId(username)).getUserSessions().size());
        assertThat(realm.admin().users().get(userId(username)).getUserSessions())
                .as("the session the stolen card started").isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private String account(String name, String cardUserId) {
        return StaffAccounts.createUnique(realm.admin(), name, PASSWORD, cardUserId);
    }

    private String userId(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
    }

    private SoftwareCard card(String cardUserId) {
        return new SoftwareCard(staffCa.issue(TestCardSpec.of(cardUserId)));
    }

    private boolean codePending(String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .map(CredentialRepresentation::getType).anyMatch(CODE_TYPE::equals);
    }

    private String lastErrorOrNone(String type) {
        var events = realm.admin().getEvents(List.of(type), null, null, null, null, null, 0, 1);
        return events.isEmpty() ? "(no " + type + ")" : events.get(0).getError();
    }

    /** The first-time page with the given extra authorization parameters, with the test accounts' password. */
    private static HttpResponse<String> proveWithCode(OidcLogin login, String username, String code,
                                                      Map<String, String> extra) throws Exception {
        return EnrolmentPages.proveWithCode(login, username, PASSWORD, code, extra);
    }

    private static String location(HttpResponse<String> answer) {
        return answer.headers().firstValue("Location").orElse("");
    }

    /** Where a redirect goes, without its parameters: the app (with a code or an error) or a login action. */
    private static String redirectKind(String location) {
        if (location.contains("/login-actions/")) {
            return "login action " + location.replaceAll("\\?.*", "").replaceAll(".*/login-actions/", "");
        }
        String kind = location.contains("code=") ? "app with a code" : "app";
        return location.contains("error=") ? kind + ", error=" + queryOrEmpty(location, "error") : kind;
    }

    private static String queryOrEmpty(String url, String name) {
        Matcher m = Pattern.compile("[?&]" + name + "=([^&#]+)").matcher(url);
        return m.find() ? m.group(1) : "";
    }

    /** The required-action URL Keycloak sends the browser to after a sign-in, named for this action. */
    private static String requiredActionUrl(String location) {
        assertThat(location).as("a redirect to the required actions").contains("/login-actions/required-action");
        return location.replaceAll("execution=[^&]*", "execution=" + ENROL);
    }

    /** Card and password through the account console's own client, answering its access token. */
    private static String accountConsoleToken(SoftwareCard card) throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN).as(ACCOUNT_CONSOLE);
        LoginPage page = login.open();
        HttpResponse<String> signedIn = login.submit(page, card.assertion(ORIGIN, page.challenge()), PASSWORD);
        assertThat(signedIn.statusCode()).as(LoginPage.errorText(signedIn.body())).isEqualTo(302);
        return login.redeem(signedIn).path("access_token").asText();
    }

    private static HttpResponse<String> account(String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ORIGIN + "/realms/staff/account" + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void observe(String format, Object... values) {
        System.out.println("[hostile use] " + String.format(format, values));
    }
}
