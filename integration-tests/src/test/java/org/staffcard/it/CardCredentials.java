package org.staffcard.it;

import org.keycloak.representations.idm.CredentialRepresentation;
import org.staffcard.virtualcard.SpkiFingerprint;

import java.security.cert.X509Certificate;

/**
 * A staff card credential as a user representation carries it when an account is created through Keycloak's admin
 * API or a realm import, the same form as the demo staff member's card in staff-realm.json.
 */
final class CardCredentials {

    private CardCredentials() {
    }

    static CredentialRepresentation of(String cardUserId, X509Certificate certificate) {
        CredentialRepresentation card = new CredentialRepresentation();
        card.setType("staff-card");
        card.setUserLabel("Test card " + cardUserId);
        card.setCredentialData("{\"cardUserId\":\"" + cardUserId + "\",\"spkiSha256\":\""
                + SpkiFingerprint.sha256Hex(certificate) + "\",\"serialHex\":\""
                + certificate.getSerialNumber().toString(16) + "\"}");
        card.setSecretData("{}");
        return card;
    }

    static CredentialRepresentation of(SoftwareCard card) {
        return of(card.card().cardUserId(), card.card().certificate());
    }
}
