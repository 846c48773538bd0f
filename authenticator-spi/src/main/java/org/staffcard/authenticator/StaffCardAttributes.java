package org.staffcard.authenticator;

/**
 * The user attribute that finds the staff account of a card. It is declared in the staff realm's user profile as
 * multi-valued and editable and viewable by admins only (or mapped from the directory), so a staff member can never
 * re-point their account at another card; the cards themselves are the account's staff card credentials.
 */
public final class StaffCardAttributes {

    /** The card user ID read from the card (the organisation's free area, or the certificate fingerprint). */
    public static final String CARD_USER_ID = "cardUserId";

    private StaffCardAttributes() {
    }
}
