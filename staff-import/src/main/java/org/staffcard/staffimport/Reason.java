package org.staffcard.staffimport;

/** Why a row cannot be imported. Each has its own value so a report, a test and a script can tell them apart. */
public enum Reason {

    WRONG_FIELD_COUNT("wrong number of fields"),
    MISSING_FIELD("missing field"),
    MALFORMED_STAFF_NUMBER("bad staff number"),
    MALFORMED_NAME("bad name"),
    MALFORMED_EMAIL("bad email"),
    MALFORMED_DEPARTMENT("bad department"),
    MALFORMED_CARD_USER_ID("bad card user ID"),
    DUPLICATE_STAFF_NUMBER("duplicate staff number in the file"),
    DUPLICATE_EMAIL("duplicate email in the file"),
    DUPLICATE_CARD_USER_ID("duplicate card user ID in the file"),
    CARD_USER_ID_HELD_BY_ANOTHER_ACCOUNT("card user ID held by another account"),
    EMAIL_HELD_BY_ANOTHER_ACCOUNT("email held by another account"),
    USERNAME_HELD_BY_ANOTHER_ACCOUNT("user name held by another account");

    private final String text;

    Reason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
