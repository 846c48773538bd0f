package org.staffcard.authenticator;

/**
 * The user attributes that bind a staff account to a card. Both are declared in the staff realm's user profile as
 * editable and viewable by admins only, so a staff member can never re-point their account at another card.
 */
public final class StaffCardAttributes {

    /** The card user ID read from the card (the organisation's free area, or the certificate fingerprint). */
    public static final String CARD_USER_ID = "cardUserId";

    /** Lowercase hex SHA-256 of the enrolled certificate's SubjectPublicKeyInfo, written when the card is bound. */
    public static final String CERTIFICATE_SPKI_SHA256 = "cardCertificateSha256";

    private StaffCardAttributes() {
    }
}
