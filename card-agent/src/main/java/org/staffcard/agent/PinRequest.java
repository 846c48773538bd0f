package org.staffcard.agent;

/**
 * What the PIN window shows: the web origin that asks for the signature, so the user can refuse a site they did not
 * open, the tries left, and the card user ID.
 */
public record PinRequest(String origin, int triesLeft, String cardUserId) {

    /** One try left: a wrong PIN now blocks the card until the issuer unblocks it. */
    public boolean isLastTry() {
        return triesLeft == 1;
    }
}
