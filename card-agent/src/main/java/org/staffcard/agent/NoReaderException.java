package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** No card reader is connected, or the configured reader is not among them. */
public final class NoReaderException extends AgentException {

    public NoReaderException(String message) {
        super(AgentErrorCode.NO_READER, message);
    }

    public NoReaderException(String message, Throwable cause) {
        super(AgentErrorCode.NO_READER, message, cause);
    }
}
