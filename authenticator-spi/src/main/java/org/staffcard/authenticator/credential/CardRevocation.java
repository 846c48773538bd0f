package org.staffcard.authenticator.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why and by whom a card was revoked. The revoked credential is kept, so the account's history still shows which
 * card it had and when it stopped working; {@code revokedBy} is the admin's username (or "self-service").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CardRevocation(RevocationReason reason, String note, String revokedBy, long revokedAt) {
}
