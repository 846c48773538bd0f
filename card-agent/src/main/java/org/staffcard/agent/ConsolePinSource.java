package org.staffcard.agent;

import java.io.Console;

/** Asks for the PIN on the terminal the agent was started from, without echo. */
public final class ConsolePinSource implements PinSource {

    private final Console console;

    public ConsolePinSource(Console console) {
        this.console = console;
    }

    @Override
    public char[] requestPin(PinRequest request) throws PinCancelledException {
        console.printf("%nSign-in requested by %s for card %s.%n", request.origin(), request.cardUserId());
        if (request.isLastTry()) {
            console.printf("Only ONE PIN try is left: a wrong PIN blocks the card.%n");
        } else {
            console.printf("PIN tries left: %d%n", request.triesLeft());
        }

        char[] pin = console.readPassword("Card PIN (empty to cancel): ");
        if (pin == null || pin.length == 0) {
            throw new PinCancelledException("no PIN was typed on the console");
        }
        return pin;
    }
}
