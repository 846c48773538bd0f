package org.staffcard.it;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** A sample app's page after sign-in: what Apache passed on about the signed-in staff member. */
record SampleAppPage(String staffName, String staffNumber, String userName) {

    static boolean isShown(WebDriver browser, String appUrl) {
        return browser.getCurrentUrl().startsWith(appUrl) && !browser.findElements(By.id("staff-number")).isEmpty();
    }

    static SampleAppPage read(WebDriver browser) {
        return new SampleAppPage(text(browser, "staff-name"), text(browser, "staff-number"),
                text(browser, "user-name"));
    }

    static void signOut(WebDriver browser) {
        browser.findElement(By.id("sign-out")).click();
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }
}
