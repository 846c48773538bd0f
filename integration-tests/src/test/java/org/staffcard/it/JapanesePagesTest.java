package org.staffcard.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.virtualcard.TestCardSpec;
import org.staffcard.virtualcard.TestCertificateAuthority;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Japanese as the real server renders it: the login page, a refusal on it and the enrolment pages come out in the
 * theme's Japanese, in UTF-8, for a browser that asks for Japanese, and the realm's default language is Japanese.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class JapanesePagesTest {

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String PASSWORD = "Staff-Passw0rd";
    private static final Map<String, String> JAPANESE = Map.of("ui_locales", "ja");

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private TestCertificateAuthority staffCa;
    private StaffCardsApi desk;

    @BeforeEach
    void prepare() {
        desk = ServiceAccountClient.in(realm.admin(), "card-desk", "manage-users", "view-users").staffCardsApi();
        staffCa = TestCertificateAuthority.create("CN=Japanese Pages Staff Card CA, O=Test Org, C=JP");
        CardSettings.trustInBrowser(realm.admin(), staffCa.certificate());
    }

    @Test
    void theLoginPageAndItsRefusalsAreInJapanese() throws Exception {
        StaffAccounts.create(realm.admin(), "ja.user", PASSWORD, null);
        SoftwareCard card = new SoftwareCard(staffCa.issue(TestCardSpec.of("JA-0001")));
        assertThat(desk.bind("ja.user", "JA-0001", card.card().certificate(), null).status()).isEqualTo(201);
        OidcLogin login = new OidcLogin(ORIGIN);

        HttpResponse<String> page = login.get(login.authorizationUrl(JAPANESE));
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).containsIgnoringCase("charset=utf-8");
        assertThat(page.body()).contains(ThemeMessages.japanese("staffCardEnrolLink"))
                .contains(ThemeMessages.japanese("staffCardPasswordLabel"))
                .doesNotContain(ThemeMessages.english("staffCardEnrolLink"));

        LoginPage loginPage = LoginPage.parse(page.body());
        HttpResponse<String> refused = login.submit(loginPage, card.assertion(ORIGIN, loginPage.challenge()),
                "wrong password");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains(ThemeMessages.japanese("invalidCardOrPassword"));
    }

    @Test
    void aBrowserWithoutALanguageGetsTheRealmsJapanese() throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        String url = login.authorizationUrl().replace("&ui_locales=en", "");
        assertThat(url).doesNotContain("ui_locales");

        HttpResponse<String> page = login.get(url);

        assertThat(page.body()).contains(ThemeMessages.japanese("staffCardEnrolLink"));
    }

    @Test
    void theEnrolmentPagesAreInJapanese() throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        String loginPage = login.get(login.authorizationUrl(JAPANESE)).body();

        HttpResponse<String> accountPage = login.post(OidcLogin.enrolFormAction(loginPage),
                Map.of("staffcardEnrol", "start"));
        HttpResponse<String> refused = login.post(OidcLogin.enrolFormAction(accountPage.body()),
                Map.of("staffcardEnrol", "account", "username", "nobody.here", "password", PASSWORD,
                        "enrolmentCode", "AAAA-BBBB-CCCC-DDDD"));

        assertThat(accountPage.body()).contains(ThemeMessages.japanese("staffCardEnrolIntro"));
        assertThat(refused.body()).contains(ThemeMessages.japanese("staffCardEnrolInvalid"));
    }
}
