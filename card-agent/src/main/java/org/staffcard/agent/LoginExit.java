package org.staffcard.agent;

/**
 * The exit codes of {@code login}, one per kind of failure, so a PC logon module or a terminal's script can tell a
 * wrong password from a card left at home without reading the message.
 */
public enum LoginExit {

    /** The token response is on standard output. */
    OK(0),
    /** Something unforeseen; the message says what. */
    FAILED(1),
    /** A wrong option, a missing secret file, an agent configuration that cannot be used. */
    USAGE(2),
    /** The server cannot be reached, or answered something that is not the protocol. */
    SERVER(3),
    /** No reader, no card, an unsupported card, the PC/SC service down, the card taken away. */
    CARD(4),
    /** The PIN was wrong, blocked, or not given. */
    PIN(5),
    /** The server refused the card: unknown, not enrolled, revoked, untrusted, expired, or a stale challenge. */
    CARD_REFUSED(6),
    /** The server refused the password. */
    PASSWORD(7),
    /** The account is locked after failed sign-ins, or disabled. */
    ACCOUNT_LOCKED(8),
    /** Tokens came back but did not verify: signature, issuer, audience, level or user. */
    TOKEN_REJECTED(9),
    /** The server does not know this client as a card device client, or its secret is wrong. */
    CLIENT_REFUSED(10),
    /** The account waits for a step of a browser sign-in, such as enrolling a new card, before devices may sign in. */
    ACCOUNT_ACTION_PENDING(11);

    private final int code;

    LoginExit(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
