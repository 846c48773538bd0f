package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole sign-in as a staff member does it: the login page in Chromium runs its script against the real card
 * agent, which reads the virtual card through the real pcscd; Keycloak checks the signature and the password and
 * redirects to the business app with a code, which the app redeems for tokens.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class CardSignInBrowserTest {

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private static HttpServer app;
    private static final CompletableFuture<String> CALLBACK = new CompletableFuture<>();

    @BeforeAll
    static void startBusinessApp() throws Exception {
        CardStack.get();
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 8081), 0);
        app.createContext("/callback", exchange -> {
            CALLBACK.complete(exchange.getRequestURI().toString());
            byte[] page = "<html><body><h1 id=\"signed-in\">Signed in</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        app.start();
    }

    @AfterAll
    static void stopBusinessApp() {
        app.stop(0);
    }

    @Test
    void staffMemberSignsInWithCardAndPasswordInChromium() throws Exception {
        OidcLogin login = new OidcLogin(CardStack.KEYCLOAK_ORIGIN);
        WebDriver browser = Chromium.start();
        try {
            browser.get(login.authorizationUrl());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(b -> "ready".equals(b.findElement(By.id("staff-card-status")).getAttribute("data-state")));
            Chromium.screenshot(browser, "card-login-page-ready.png");

            browser.findElement(By.id("password")).sendKeys("Demo-Passw0rd");
            browser.findElement(By.id("staff-card-submit")).click();
            wait.until(b -> b.getCurrentUrl().startsWith(OidcLogin.REDIRECT_URI));
            Chromium.screenshot(browser, "business-app-signed-in.png");

            // The README sends a new user to the account console: single sign-on must carry them in by name.
            browser.get(CardStack.KEYCLOAK_ORIGIN + "/realms/staff/account");
            wait.until(b -> showsEmail(b) || bodyText(b).contains("問題が発生") || bodyText(b).contains("went wrong"));
            Chromium.screenshot(browser, "account-console-signed-in.png");
            assertThat(showsEmail(browser)).as("the account console shows the staff member's details").isTrue();
            assertThat(bodyText(browser)).contains("山田");
        } finally {
            browser.quit();
        }

        String callback = CALLBACK.get(10, TimeUnit.SECONDS);
        JsonNode tokens = login.redeemCode(OidcLogin.queryParameter(callback, "code"));
        JsonNode claims = IdTokens.verifiedClaims(login.realmUrl(), tokens.path("id_token").asText());

        String demoUserId = realm.admin().users().searchByUsername("yamada.taro", true).get(0).getId();
        assertThat(claims.path("sub").asText()).isEqualTo(demoUserId);
        assertThat(claims.path("acr").asText()).isEqualTo("card-password");
        assertThat(claims.path("name").asText()).isEqualTo("太郎 山田");
        assertThat(claims.path("azp").asText()).isEqualTo(OidcLogin.CLIENT_ID);
    }

    private static boolean showsEmail(WebDriver browser) {
        return Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('input')].some(i => i.value === 'yamada.taro@example.lg.jp')"));
    }

    private static String bodyText(WebDriver browser) {
        Object text = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return document.body ? document.body.innerText : ''");
        return text == null ? "" : text.toString();
    }
}
