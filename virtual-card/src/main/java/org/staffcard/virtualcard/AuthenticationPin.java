package org.staffcard.virtualcard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The PIN and its retry counter, which survives resets and power-offs just as on a real card. */
final class AuthenticationPin {

    enum Outcome { CORRECT, WRONG, BLOCKED }

    private final byte[] value;
    private final int maxTries;
    private int triesLeft;

    AuthenticationPin(String value, int maxTries) {
        this.value = value.getBytes(StandardCharsets.US_ASCII);
        this.maxTries = maxTries;
        this.triesLeft = maxTries;
    }

    Outcome check(byte[] candidate) {
        if (triesLeft == 0) {
            return Outcome.BLOCKED;
        }
        // Compared in constant time so the answer's timing says nothing about how much of the PIN was right.
        if (MessageDigest.isEqual(value, candidate)) {
            triesLeft = maxTries;
            return Outcome.CORRECT;
        }
        triesLeft--;
        return Outcome.WRONG;
    }

    int triesLeft() {
        return triesLeft;
    }

    boolean isBlocked() {
        return triesLeft == 0;
    }
}
