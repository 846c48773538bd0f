package org.staffcard.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Card sign-in for relying parties nobody here wrote: a business app behind Apache httpd with mod_auth_openidc (OIDC,
 * code flow with PKCE) and an MFP's web portal behind Apache httpd with mod_auth_mellon (SAML 2.0), both started by
 * this test on loopback ports, used from headless Chromium with the real card agent and the virtual card in pcscd.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class RelyingPartiesBrowserTest {

    private static final String BUSINESS_APP = "http://localhost:8082/";
    private static final String BUSINESS_APP_SIGNED_OUT = BUSINESS_APP + "signed-out.html";
    private static final String MFP_PORTAL = "http://localhost:8083/";
    private static final String MFP_PORTAL_SIGNED_OUT = MFP_PORTAL + "signed-out.html";
    private static final String STAFF_NAME = "山田 太郎";
    private static final String STAFF_NUMBER = "A-10023";
    private static final String USERNAME = "yamada.taro";

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private static ApacheHttpd businessApp;
    private static ApacheHttpd mfpPortal;

    @BeforeAll
    static void insertCard() throws Exception {
        CardStack.get();
    }

    /*
     * Fresh apps for each test. mod_auth_mellon finds the session a logout request ends by the NameID alone, so a
     * portal still holding an earlier test's session of the same staff member would end that one instead.
     */
    @BeforeEach
    void startSampleApps() throws Exception {
        businessApp = ApacheHttpd.start("business-app", 8082, ApacheHttpd.runDir("business-app"));
        mfpPortal = startMfpPortal();
    }

    @AfterEach
    void stopSampleApps() {
        if (businessApp != null) {
            businessApp.close();
            businessApp = null;
        }
        if (mfpPortal != null) {
            mfpPortal.close();
            mfpPortal = null;
        }
    }

    @Test
    void cardSignInAtTheOidcAppCarriesTheStaffMemberIntoTheSamlAppWithoutASecondCardLogin() throws Exception {
        WebDriver browser = Chromium.start();
        try {
            SampleAppPage oidc = signInWithCardAt(browser, BUSINESS_APP, businessApp);
            Chromium.screenshot(browser, "business-app-oidc-signed-in.png");

            assertThat(oidc.staffName()).isEqualTo(STAFF_NAME);
            assertThat(oidc.staffNumber()).isEqualTo(STAFF_NUMBER);
            assertThat(oidc.userName()).isEqualTo(USERNAME);

            browser.get(MFP_PORTAL);
            assertThat(awaitAppOrCardLogin(browser, MFP_PORTAL, mfpPortal))
                    .as("single sign-on into the MFP portal, without the card login page")
                    .isEqualTo(Landing.APP);
            Chromium.screenshot(browser, "mfp-portal-saml-signed-in.png");

            SampleAppPage saml = SampleAppPage.read(browser);
            assertThat(saml.staffName()).isEqualTo(STAFF_NAME);
            assertThat(saml.staffNumber()).isEqualTo(STAFF_NUMBER);
            assertThat(saml.userName()).isEqualTo(USERNAME);
        } finally {
            browser.quit();
        }
    }

    @Test
    void signingOutOfTheOidcAppEndsTheSessionAtTheSamlApp() throws Exception {
        WebDriver browser = Chromium.start();
        try {
            signInWithCardAt(browser, BUSINESS_APP, businessApp);
            browser.get(MFP_PORTAL);
            assertThat(awaitAppOrCardLogin(browser, MFP_PORTAL, mfpPortal)).isEqualTo(Landing.APP);

            browser.get(BUSINESS_APP);
            SampleAppPage.signOut(browser);
            awaitUrl(browser, BUSINESS_APP_SIGNED_OUT, mfpPortal);

            browser.get(MFP_PORTAL);
            assertThat(awaitAppOrCardLogin(browser, MFP_PORTAL, mfpPortal))
                    .as("the MFP portal after signing out of the business app")
                    .isEqualTo(Landing.CARD_LOGIN);
            Chromium.screenshot(browser, "mfp-portal-after-oidc-single-logout.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void signingOutOfTheSamlAppEndsTheSessionAtTheOidcApp() throws Exception {
        WebDriver browser = Chromium.start();
        try {
            signInWithCardAt(browser, BUSINESS_APP, businessApp);
            browser.get(MFP_PORTAL);
            assertThat(awaitAppOrCardLogin(browser, MFP_PORTAL, mfpPortal)).isEqualTo(Landing.APP);

            SampleAppPage.signOut(browser);
            awaitUrl(browser, MFP_PORTAL_SIGNED_OUT, mfpPortal);

            browser.get(BUSINESS_APP);
            assertThat(awaitAppOrCardLogin(browser, BUSINESS_APP, businessApp))
                    .as("the business app after signing out of the MFP portal")
                    .isEqualTo(Landing.CARD_LOGIN);
            Chromium.screenshot(browser, "business-app-after-saml-single-logout.png");
        } finally {
            browser.quit();
        }
    }

    /** Opens the app, which sends the browser to the card login page; signs in there and answers the app's page. */
    private static SampleAppPage signInWithCardAt(WebDriver browser, String appUrl, ApacheHttpd app) {
        browser.get(appUrl);
        assertThat(awaitAppOrCardLogin(browser, appUrl, app)).isEqualTo(Landing.CARD_LOGIN);

        CardLoginPage.signIn(browser);
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> SampleAppPage.isShown(b, appUrl));
        } catch (TimeoutException e) {
            throw stuck(browser, app, e);
        }
        return SampleAppPage.read(browser);
    }

    /** Where a browser lands once redirects and self-submitting SAML forms have run: the app, or the card login. */
    private enum Landing { APP, CARD_LOGIN }

    private static Landing awaitAppOrCardLogin(WebDriver browser, String appUrl, ApacheHttpd app) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
                if (SampleAppPage.isShown(b, appUrl)) {
                    return Landing.APP;
                }
                return CardLoginPage.isShown(b) ? Landing.CARD_LOGIN : null;
            });
        } catch (TimeoutException e) {
            throw stuck(browser, app, e);
        }
    }

    private static void awaitUrl(WebDriver browser, String url, ApacheHttpd app) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.getCurrentUrl().startsWith(url));
        } catch (TimeoutException e) {
            throw stuck(browser, app, e);
        }
    }

    private static AssertionError stuck(WebDriver browser, ApacheHttpd app, TimeoutException e) {
        String page = browser.findElement(By.tagName("body")).getText();
        return new AssertionError("stuck at " + browser.getCurrentUrl() + " showing:\n"
                + page.substring(0, Math.min(800, page.length())) + "\nApache's error log:\n" + app.errorLogTail(), e);
    }

    /**
     * The portal's signing key is made for this run, so its certificate cannot sit in the realm file: it is set on
     * the mfp-portal client here, as an app team does in the admin console, and the realm's SAML metadata is fetched
     * for mod_auth_mellon.
     */
    private ApacheHttpd startMfpPortal() throws IOException, InterruptedException {
        Path dir = ApacheHttpd.runDir("mfp-portal");
        SamlServiceProviderKeys keys = SamlServiceProviderKeys.generate(dir, "mfp-portal");

        ClientRepresentation portal = realm.admin().clients().findByClientId("mfp-portal").get(0);
        ClientResource portalResource = realm.admin().clients().get(portal.getId());
        portal.getAttributes().put("saml.signing.certificate", keys.certificateBase64());
        portalResource.update(portal);

        String descriptorUrl = CardStack.KEYCLOAK_ORIGIN + "/realms/staff/protocol/saml/descriptor";
        HttpResponse<String> metadata = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(descriptorUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).as("the realm's SAML IdP metadata").isEqualTo(200);
        Files.writeString(dir.resolve("idp-metadata.xml"), metadata.body());

        return ApacheHttpd.start("mfp-portal", 8083, dir);
    }
}
