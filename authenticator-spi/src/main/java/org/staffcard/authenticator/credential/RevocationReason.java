package org.staffcard.authenticator.credential;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Why a card stops working; written in lower case in the API, the credential and the admin event. */
public enum RevocationReason {
    LOST, STOLEN, REPLACED, OTHER;

    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RevocationReason fromText(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("unknown revocation reason " + text));
    }

    public static Optional<RevocationReason> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (RevocationReason reason : values()) {
            if (reason.text().equals(text)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
