package org.staffcard.it;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** The staff realm's card + password login page as a browser shows it. */
final class CardLoginPage {

    static final String PASSWORD = "Demo-Passw0rd";
    private static final By STATUS = By.id("staff-card-status");

    private CardLoginPage() {
    }

    static boolean isShown(WebDriver browser) {
        return browser.getCurrentUrl().startsWith(CardStack.KEYCLOAK_ORIGIN) && !browser.findElements(STATUS).isEmpty();
    }

    /** Waits for the page's script to find the agent and the card, types the password and signs in with the card. */
    static void signIn(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(b -> !b.findElements(STATUS).isEmpty()
                && "ready".equals(b.findElement(STATUS).getAttribute("data-state")));

        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("staff-card-submit")).click();
    }
}
