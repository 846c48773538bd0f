package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The card's user-authentication PIN is blocked; only the card issuer can unblock it. */
public final class PinBlockedException extends AgentException {

    public PinBlockedException(String message) {
        super(AgentErrorCode.PIN_BLOCKED, message);
    }

    public PinBlockedException(String message, Throwable cause) {
        super(AgentErrorCode.PIN_BLOCKED, message, cause);
    }
}
