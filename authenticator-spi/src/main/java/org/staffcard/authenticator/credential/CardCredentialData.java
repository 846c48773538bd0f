package org.staffcard.authenticator.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * What a staff card credential records about one card, stored as the credential's data (JSON) and shown on the
 * account's credentials tab: the card user ID the card signs for, the SHA-256 of its certificate's public key (the
 * binding itself), the certificate's issuer and serial (to find it at the CA), the card profile, when it was
 * enrolled and last used, and whether and why it was revoked. Times are epoch milliseconds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CardCredentialData(String cardUserId, String spkiSha256, String issuerDn, String serialHex,
                                 CardProfile profile, Long enrolledAt, Long lastUsedAt, CardRevocation revocation) {

    public CardCredentialData {
        Objects.requireNonNull(cardUserId, "cardUserId");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
    }

    public boolean revoked() {
        return revocation != null;
    }

    CardCredentialData usedAt(long millis) {
        return new CardCredentialData(cardUserId, spkiSha256, issuerDn, serialHex, profile, enrolledAt, millis,
                revocation);
    }

    CardCredentialData revokedWith(CardRevocation why) {
        return new CardCredentialData(cardUserId, spkiSha256, issuerDn, serialHex, profile, enrolledAt, lastUsedAt,
                why);
    }
}
