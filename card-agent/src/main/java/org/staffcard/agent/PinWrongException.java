package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The card refused the PIN; it still allows {@link #triesLeft()} more tries. */
public final class PinWrongException extends AgentException {

    private final int triesLeft;

    public PinWrongException(int triesLeft, String message) {
        super(AgentErrorCode.PIN_WRONG, message);
        this.triesLeft = triesLeft;
    }

    public int triesLeft() {
        return triesLeft;
    }
}
