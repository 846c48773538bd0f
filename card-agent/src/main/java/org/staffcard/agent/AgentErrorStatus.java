package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The HTTP status of each error code, as the protocol's error table gives it. */
final class AgentErrorStatus {

    private AgentErrorStatus() {
    }

    static int httpStatus(AgentErrorCode code) {
        return switch (code) {
            case ORIGIN_NOT_ALLOWED, HOST_NOT_ALLOWED -> 403;
            case BAD_REQUEST -> 400;
            case REQUEST_TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
            case BUSY, NO_READER, NO_CARD, MULTIPLE_CARDS, CARD_UNSUPPORTED, CARD_REMOVED, PIN_CANCELLED -> 409;
            case READER_SERVICE_UNAVAILABLE, PCSC_LIBRARY_NOT_FOUND -> 503;
            case PIN_WRONG -> 401;
            case PIN_BLOCKED -> 423;
            case CARD_ERROR -> 500;
        };
    }
}
