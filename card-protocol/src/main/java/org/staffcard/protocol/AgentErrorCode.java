package org.staffcard.protocol;

/**
 * Every error the card agent answers, as the {@code error} field of its JSON body. The login page maps each to a
 * message that tells the user what to do next; docs/protocol.md lists them with their HTTP status.
 */
public enum AgentErrorCode {
    /** The request's Origin header is missing, "null" or not on the agent's allow-list. */
    ORIGIN_NOT_ALLOWED,
    /** The request's Host header is not a loopback name: a DNS-rebinding page. */
    HOST_NOT_ALLOWED,
    BAD_REQUEST,
    REQUEST_TOO_LARGE,
    RATE_LIMITED,
    /** Another signature is being made; the user should finish that one first. */
    BUSY,
    /** The PC/SC service is not running or restarted; the agent reconnects by itself. */
    READER_SERVICE_UNAVAILABLE,
    /** The PC/SC library could not be loaded at all. */
    PCSC_LIBRARY_NOT_FOUND,
    NO_READER,
    NO_CARD,
    /** Several cards are present and the user did not choose one. */
    MULTIPLE_CARDS,
    /** The card answered but is not of a configured profile. */
    CARD_UNSUPPORTED,
    CARD_REMOVED,
    PIN_WRONG,
    PIN_BLOCKED,
    PIN_CANCELLED,
    /** The card failed in a way the agent could not recover from; the log has the status word. */
    CARD_ERROR
}
