package org.staffcard.agent;

import java.util.List;
import java.util.Locale;

/**
 * What every PIN source tells the user and when it must ask again, kept apart from windows and terminals so the
 * decisions can be checked without a display. With one try left a wrong PIN blocks the card until the issuer
 * unblocks it, so the PIN is sent only after the user has said, a second time, that they mean it.
 */
final class PinPrompt {

    static final String TITLE = "Staff card PIN";

    private final PinRequest request;
    private final OriginDisplay origin;

    PinPrompt(PinRequest request) {
        this.request = request;
        this.origin = OriginDisplay.of(request.origin());
    }

    String originLine() {
        return "Sign-in requested by: " + request.origin();
    }

    List<String> originWarnings() {
        return origin.warnings();
    }

    String cardLine() {
        return "Card: " + request.cardUserId();
    }

    String triesLine() {
        if (request.isLastTry()) {
            return "Only ONE try left: a wrong PIN blocks your card.";
        }
        return "Tries left: " + request.triesLeft();
    }

    boolean needsLastTryConfirmation() {
        return request.isLastTry();
    }

    String lastTryQuestion() {
        return "This is the LAST PIN try. If the PIN is wrong, the card is blocked and only the card issuer can "
                + "unblock it. Send this PIN to the card?";
    }

    /** Whether the PIN may go to the card, given whether the user confirmed the last-try question. */
    boolean maySend(boolean confirmedLastTry) {
        return !needsLastTryConfirmation() || confirmedLastTry;
    }

    /** Only an explicit yes counts; an empty answer, as with "[y/N]", means no. */
    static boolean isYes(String answer) {
        if (answer == null) {
            return false;
        }
        String word = answer.trim().toLowerCase(Locale.ROOT);
        return word.equals("y") || word.equals("yes");
    }
}
