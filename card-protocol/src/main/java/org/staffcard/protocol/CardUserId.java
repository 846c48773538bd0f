package org.staffcard.protocol;

import java.util.regex.Pattern;

/**
 * The rule for card user IDs, the same on the card agent, the server and every admin tool: 1 to 64 characters of
 * ASCII letters, digits, '.', '_' and '-', compared exactly, case included. A narrow alphabet keeps IDs free of
 * look-alike characters and safe in logs, URLs and LDAP filters.
 */
public final class CardUserId {

    public static final int MAX_LENGTH = 64;

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private CardUserId() {
    }

    public static boolean isWellFormed(String candidate) {
        return candidate != null && FORM.matcher(candidate).matches();
    }
}
