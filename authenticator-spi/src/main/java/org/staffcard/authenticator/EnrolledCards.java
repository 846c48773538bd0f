package org.staffcard.authenticator;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffcard.authenticator.validation.ValidatedCard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Answers whether a validated card is one enrolled to an account. A card user ID only names the account; the
 * enrolment binds the account to one certificate key, so a second card printed with the same ID proves nothing.
 */
final class EnrolledCards {

    private EnrolledCards() {
    }

    static boolean holds(KeycloakSession session, RealmModel realm, UserModel user, ValidatedCard card) {
        String enrolled = user.getFirstAttribute(StaffCardAttributes.CERTIFICATE_SPKI_SHA256);
        return enrolled != null && MessageDigest.isEqual(enrolled.getBytes(StandardCharsets.US_ASCII),
                card.spkiSha256Hex().getBytes(StandardCharsets.US_ASCII));
    }
}
