package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The request's Host header is not a loopback name: a page that rebound its own DNS name to 127.0.0.1. */
public final class HostNotAllowedException extends AgentException {

    public HostNotAllowedException(String message) {
        super(AgentErrorCode.HOST_NOT_ALLOWED, message);
    }

    public HostNotAllowedException(String message, Throwable cause) {
        super(AgentErrorCode.HOST_NOT_ALLOWED, message, cause);
    }
}
