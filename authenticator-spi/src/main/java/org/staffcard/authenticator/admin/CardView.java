package org.staffcard.authenticator.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.staffcard.authenticator.credential.CardCredentialData;
import org.staffcard.authenticator.credential.CardRevocation;
import org.staffcard.authenticator.credential.StaffCardCredentialModel;

import java.time.Instant;

/** A card as the API shows it; times in ISO-8601 UTC. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CardView(String id, String label, String cardUserId, String spkiSha256, String issuer, String serial,
                String profile, String enrolledAt, String lastUsedAt, String status, Revocation revocation,
                Integer sessionsEnded) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Revocation(String reason, String note, String revokedBy, String revokedAt) {
    }

    static CardView of(StaffCardCredentialModel card) {
        return of(card, null);
    }

    static CardView of(StaffCardCredentialModel card, Integer sessionsEnded) {
        CardCredentialData data = card.data();
        CardRevocation why = data.revocation();
        return new CardView(card.getId(), card.getUserLabel(), data.cardUserId(), data.spkiSha256(), data.issuerDn(),
                data.serialHex(), data.profile() == null ? null : data.profile().text(), time(data.enrolledAt()),
                time(data.lastUsedAt()), why == null ? "active" : "revoked",
                why == null ? null : new Revocation(why.reason().text(), why.note(), why.revokedBy(),
                        time(why.revokedAt())),
                sessionsEnded);
    }

    private static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
