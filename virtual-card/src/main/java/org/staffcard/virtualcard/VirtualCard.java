package org.staffcard.virtualcard;

/**
 * A software smart card that a reader can hold: it answers command APDUs with response APDUs and forgets its
 * security state on reset. The JPKI and the PIV cards both fit any reader of this module.
 */
public interface VirtualCard {

    /** The answer to reset the reader reports for this card. */
    byte[] atr();

    /** Answers one command APDU with the response APDU, status word included. */
    byte[] transmit(byte[] command);

    /** A warm reset or a power cycle: selections and a verified PIN are forgotten, the retry counter is not. */
    void reset();

    /** The card user ID the sign-in protocol will read from this card, for progress lines and test messages. */
    String cardUserId();

    /** Tries left on the PIN that guards the sign-in key, for tests that check the counter without spending one. */
    int pinTriesLeft();
}
