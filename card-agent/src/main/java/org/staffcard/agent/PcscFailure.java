package org.staffcard.agent;

import java.util.Locale;

/**
 * Sorts the JDK's PC/SC failures into the protocol's error codes. The JDK reports the PC/SC result only as text
 * ({@code SCARD_E_NO_SERVICE} and the like inside the exception message), so the sorting reads that text.
 */
final class PcscFailure {

    private PcscFailure() {
    }

    /** A failure while listing readers: nothing was read from any card yet. */
    static AgentException whileListing(Throwable failure) {
        String text = describe(failure);
        if (isLibraryMissing(text)) {
            return new PcscLibraryNotFoundException(PcscLibrary.pathsTried(), failure);
        }
        if (text.contains("SCARD_E_NO_READERS_AVAILABLE") || text.contains("SCARD_E_UNKNOWN_READER")) {
            return new NoReaderException("no card reader is connected", failure);
        }
        if (isServiceDown(text)) {
            return new ReaderServiceUnavailableException("the PC/SC service is not available: " + text, failure);
        }
        return new ReaderServiceUnavailableException("listing card readers failed: " + text, failure);
    }

    /** A failure while talking to a card: the card is gone unless the service itself went away. */
    static AgentException whileUsingCard(Throwable failure) {
        String text = describe(failure);
        if (isServiceDown(text)) {
            return new ReaderServiceUnavailableException("the PC/SC service went away: " + text, failure);
        }
        if (text.contains("SCARD_W_RESET_CARD")) {
            return new CardResetException("the card was reset by another program: " + text, failure);
        }
        return new CardRemovedException("the card stopped answering: " + text, failure);
    }

    static boolean isServiceDown(String text) {
        return text.contains("SCARD_E_NO_SERVICE") || text.contains("SCARD_E_SERVICE_STOPPED")
                || text.contains("SCARD_E_INVALID_HANDLE") || text.contains("SCARD_F_COMM_ERROR");
    }

    private static boolean isLibraryMissing(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("libpcsclite") || lower.contains("no terminalfactory")
                || lower.contains("pc/sc not available") || lower.contains("could not load");
    }

    /** The messages of the failure and its causes, since the PC/SC code often sits in a nested exception. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 1000; t = t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append("; ");
        }
        return text.toString();
    }
}
