package org.staffcard.authenticator.credential;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** The kind of card, as the card agent reports it: a JPKI card (My Number Card) or a PIV-style staff card. */
public enum CardProfile {
    JPKI, PIV;

    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CardProfile fromText(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("unknown card profile " + text));
    }

    /** Reads "jpki" or "piv", in any case, as the API and the agent write them. */
    public static Optional<CardProfile> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (CardProfile profile : values()) {
            if (profile.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
