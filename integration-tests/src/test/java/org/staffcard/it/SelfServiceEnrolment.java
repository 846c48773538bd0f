package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.staffcard.it.OidcLogin.LoginPage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staff member binds the card in the reader to their account by themselves, in headless Chromium: the sign-in
 * page's "first time with this card" link, username, password and the enrolment code, then the "Enrol a staff card"
 * required action's card step through the real agent and the card in pcscd. The demo web app's callback on
 * 127.0.0.1:8081 is listened on only for the enrolment, and its code is redeemed, so the answer is the app's tokens.
 */
final class SelfServiceEnrolment {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    private final String screenshotPrefix;

    /** Screenshots of each page go to target/screenshots, named with this prefix. */
    SelfServiceEnrolment(String screenshotPrefix) {
        this.screenshotPrefix = screenshotPrefix;
    }

    /** Enrols with a password the account already has for good. */
    JsonNode enrol(String username, String password, String code) throws Exception {
        return run(username, password, code, null);
    }

    /**
     * Enrols with the temporary password an admin set; Keycloak then asks for a new password before it lets the
     * staff member into the app, and the enrolment only counts as done once that is set.
     */
    JsonNode enrolWithTemporaryPassword(String username, String temporaryPassword, String code, String newPassword)
            throws Exception {
        return run(username, temporaryPassword, code, newPassword);
    }

    private JsonNode run(String username, String password, String code, String newPassword) throws Exception {
        CompletableFuture<String> callback = new CompletableFuture<>();
        HttpServer app = callbackApp(callback);
        OidcLogin login = new OidcLogin(CardStack.KEYCLOAK_ORIGIN);
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, PAGE_WAIT);
            browser.get(login.authorizationUrl());
            wait.until(b -> !b.findElements(By.id("staff-card-enrol-start")).isEmpty());
            browser.findElement(By.id("staff-card-enrol-start")).click();

            wait.until(b -> !b.findElements(By.id("staff-card-enrol-form")).isEmpty());
            Chromium.screenshot(browser, screenshotPrefix + "-account.png");
            browser.findElement(By.id("username")).sendKeys(username);
            browser.findElement(By.id("password")).sendKeys(password);
            browser.findElement(By.id("enrolmentCode")).sendKeys(code);
            browser.findElement(By.id("staff-card-enrol-continue")).click();

            wait.until(b -> !b.findElements(By.id("staff-card-status")).isEmpty()
                    && "ready".equals(b.findElement(By.id("staff-card-status")).getAttribute("data-state")));
            Chromium.screenshot(browser, screenshotPrefix + "-card-ready.png");
            // The card page is Keycloak's "Enrol a staff card" required action, run before any session exists.
            assertThat(browser.getCurrentUrl()).contains("/login-actions/required-action")
                    .contains("execution=staff-card-enrol");
            WebElement register = browser.findElement(By.id("staff-card-submit"));
            register.click();
            // The card step shows its progress in an alert of its own: only the next page's alerts say anything.
            wait.until(ExpectedConditions.stalenessOf(register));

            if (newPassword != null) {
                wait.until(b -> !b.findElements(By.id("kc-passwd-update-form")).isEmpty()
                        || !b.findElements(By.cssSelector(".pf-v5-c-alert__title, .kc-feedback-text")).isEmpty());
                Chromium.screenshot(browser, screenshotPrefix + "-new-password.png");
                assertThat(browser.findElements(By.id("kc-passwd-update-form")))
                        .as("Keycloak asks for a new password; the page said: "
                                + LoginPage.errorText(browser.getPageSource()))
                        .isNotEmpty();
                browser.findElement(By.id("password-new")).sendKeys(newPassword);
                browser.findElement(By.id("password-confirm")).sendKeys(newPassword);
                WebElement form = browser.findElement(By.id("kc-passwd-update-form"));
                form.submit();
                // The password page shows a notice of its own, so wait for it to go before looking for alerts.
                wait.until(ExpectedConditions.stalenessOf(form));
            }

            wait.until(b -> b.getCurrentUrl().startsWith(OidcLogin.REDIRECT_URI)
                    || !b.findElements(By.cssSelector(".pf-v5-c-alert__title, .kc-feedback-text")).isEmpty());
            Chromium.screenshot(browser, screenshotPrefix + "-done.png");
            assertThat(browser.getCurrentUrl()).as(LoginPage.errorText(browser.getPageSource()))
                    .startsWith(OidcLogin.REDIRECT_URI);
            String redirect = callback.get(10, TimeUnit.SECONDS);
            return login.redeemCode(OidcLogin.queryParameter(redirect, "code"));
        } finally {
            browser.quit();
            app.stop(0);
        }
    }

    /** The demo web app's redirect target: it only notes where the browser came back with the code. */
    private static HttpServer callbackApp(CompletableFuture<String> callback) throws IOException {
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 8081), 0);
        app.createContext("/callback", exchange -> {
            callback.complete(exchange.getRequestURI().toString());
            byte[] page = "<html><body><h1 id=\"signed-in\">Signed in</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        app.start();
        return app;
    }
}
