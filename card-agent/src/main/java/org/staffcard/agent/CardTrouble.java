package org.staffcard.agent;

/** Turns a card or reader failure during {@code login} into an exit code and what the person does next. */
final class CardTrouble {

    private CardTrouble() {
    }

    static LoginFailedException of(AgentException e) {
        String message = e.code() + ": " + e.getMessage();
        return switch (e.code()) {
            case PIN_WRONG -> new LoginFailedException(LoginExit.PIN, message, e instanceof PinWrongException wrong
                    ? "run login again with the card's PIN; " + wrong.triesLeft() + " tries left"
                    : "run login again with the card's PIN", e);
            case PIN_BLOCKED -> new LoginFailedException(LoginExit.PIN, message,
                    "the card's PIN is blocked; the card issuer unblocks it", e);
            case PIN_CANCELLED -> new LoginFailedException(LoginExit.PIN, message,
                    "run login again and enter the PIN", e);
            case NO_READER -> new LoginFailedException(LoginExit.CARD, message, "connect a card reader", e);
            case NO_CARD -> new LoginFailedException(LoginExit.CARD, message, "put the card on the reader", e);
            case CARD_REMOVED -> new LoginFailedException(LoginExit.CARD, message,
                    "put the card back on the reader and run login again", e);
            case MULTIPLE_CARDS -> new LoginFailedException(LoginExit.CARD, message,
                    "leave one card on the readers, or set reader.name in the agent configuration", e);
            case CARD_UNSUPPORTED -> new LoginFailedException(LoginExit.CARD, message,
                    "use your staff card", e);
            case READER_SERVICE_UNAVAILABLE -> new LoginFailedException(LoginExit.CARD, message,
                    "start the PC/SC service (Linux: systemctl start pcscd.socket) and try again", e);
            case PCSC_LIBRARY_NOT_FOUND -> new LoginFailedException(LoginExit.CARD, message,
                    "install the PC/SC library (Debian: pcscd and libpcsclite1)", e);
            default -> new LoginFailedException(LoginExit.CARD, message,
                    "take the card off the reader, put it back and try again; java -jar card-agent.jar diagnose "
                            + "says more", e);
        };
    }
}
