package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The request is not one the protocol defines: wrong JSON, wrong challenge, wrong method. */
public final class BadRequestException extends AgentException {

    public BadRequestException(String message) {
        super(AgentErrorCode.BAD_REQUEST, message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(AgentErrorCode.BAD_REQUEST, message, cause);
    }
}
