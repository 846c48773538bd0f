package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The user closed the PIN window or gave no PIN. */
public final class PinCancelledException extends AgentException {

    public PinCancelledException(String message) {
        super(AgentErrorCode.PIN_CANCELLED, message);
    }

    public PinCancelledException(String message, Throwable cause) {
        super(AgentErrorCode.PIN_CANCELLED, message, cause);
    }
}
