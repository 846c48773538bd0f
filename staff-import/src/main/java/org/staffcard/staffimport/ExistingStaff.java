package org.staffcard.staffimport;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The realm's accounts indexed by what a row may clash with: staff number, user name, email and card user ID, all
 * ignoring case. Read once before the rows are checked against the realm, so 10,000 rows cost a few page reads of
 * the user list instead of 10,000 searches. Directory accounts that LDAP federation has not brought into Keycloak
 * yet are not in that list, so a row is not checked against them: bring staff in from the CSV file or from the
 * directory, not both, or synchronise the directory first.
 */
public final class ExistingStaff {

    private final Map<String, ExistingAccount> byStaffNumber = new HashMap<>();
    private final Map<String, ExistingAccount> byUsername = new HashMap<>();
    private final Map<String, ExistingAccount> byEmail = new HashMap<>();
    private final Map<String, ExistingAccount> byCardUserId = new HashMap<>();

    public ExistingStaff(List<ExistingAccount> accounts) {
        for (ExistingAccount account : accounts) {
            put(byStaffNumber, account.staffNumber(), account);
            put(byUsername, account.username(), account);
            put(byEmail, account.email(), account);
            account.cardUserIds().forEach(id -> put(byCardUserId, id, account));
        }
    }

    Optional<ExistingAccount> withStaffNumber(String staffNumber) {
        return find(byStaffNumber, staffNumber);
    }

    Optional<ExistingAccount> withUsername(String username) {
        return find(byUsername, username);
    }

    Optional<ExistingAccount> withEmail(String email) {
        return find(byEmail, email);
    }

    Optional<ExistingAccount> holdingCardUserId(String cardUserId) {
        return find(byCardUserId, cardUserId);
    }

    private static void put(Map<String, ExistingAccount> index, String key, ExistingAccount account) {
        if (key != null && !key.isEmpty()) {
            index.putIfAbsent(key.toLowerCase(Locale.ROOT), account);
        }
    }

    private static Optional<ExistingAccount> find(Map<String, ExistingAccount> index, String key) {
        return Optional.ofNullable(index.get(key.toLowerCase(Locale.ROOT)));
    }
}
