package org.staffcard.protocol;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The server's fresh random value that a card signs. Its text form is base64url without padding, so it travels
 * unchanged in JSON, form fields and URLs.
 */
public final class Challenge {

    /** 256 bits: guessing or colliding a live challenge is out of reach for any attacker. */
    public static final int LENGTH_BYTES = 32;

    private static final Pattern TEXT_FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final byte[] value;

    private Challenge(byte[] value) {
        this.value = value;
    }

    public static Challenge random(SecureRandom random) {
        byte[] value = new byte[LENGTH_BYTES];
        random.nextBytes(value);
        return new Challenge(value);
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException when the text is not exactly 32 bytes in base64url without padding
     */
    public static Challenge fromText(String text) {
        if (text == null || !TEXT_FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("a challenge is 43 base64url characters");
        }
        return new Challenge(Base64.getUrlDecoder().decode(text));
    }

    public byte[] bytes() {
        return value.clone();
    }

    public String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Challenge that && java.security.MessageDigest.isEqual(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** Never prints the value: a challenge in a log line is a nonce in a log line. */
    @Override
    public String toString() {
        return "Challenge[hidden]";
    }
}
