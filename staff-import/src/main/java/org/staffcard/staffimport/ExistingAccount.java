package org.staffcard.staffimport;

import java.util.List;

/** What the import needs to know of an account already in the realm. Absent values are null or empty. */
public record ExistingAccount(String id, String username, String email, String staffNumber,
                              List<String> cardUserIds) {

    public ExistingAccount {
        cardUserIds = List.copyOf(cardUserIds);
    }
}
