package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** Another signature is being made; only one PIN window may be open at a time. */
public final class BusyException extends AgentException {

    public BusyException(String message) {
        super(AgentErrorCode.BUSY, message);
    }

    public BusyException(String message, Throwable cause) {
        super(AgentErrorCode.BUSY, message, cause);
    }
}
