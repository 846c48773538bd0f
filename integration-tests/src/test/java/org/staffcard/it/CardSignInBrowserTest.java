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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        WebDriver browser = chromium();
        try {
            browser.get(login.authorizationUrl());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(b -> "ready".equals(b.findElement(By.id("staff-card-status")).getAttribute("data-state")));
            screenshot(browser, "card-login-page-ready.png");

            browser.findElement(By.id("password")).sendKeys("Demo-Passw0rd");
            browser.findElement(By.id("staff-card-submit")).click();
            wait.until(b -> b.getCurrentUrl().startsWith(OidcLogin.REDIRECT_URI));
            screenshot(browser, "business-app-signed-in.png");
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

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--lang=en", "--window-size=1100,900",
                "--user-data-dir=" + freshProfile());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String freshProfile() {
        try {
            return Files.createTempDirectory("staffcard-chromium-").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void screenshot(WebDriver browser, String name) throws java.io.IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
