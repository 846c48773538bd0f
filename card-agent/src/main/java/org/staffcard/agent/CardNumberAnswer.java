package org.staffcard.agent;

/** Reads the console's answer to "which card": a number from 1 to the count; anything else cancels. */
final class CardNumberAnswer {

    private CardNumberAnswer() {
    }

    /** The zero-based index of the chosen card, or -1 when the answer names none of them. */
    static int index(String answer, int count) {
        if (answer == null || !answer.trim().matches("\\d{1,3}")) {
            return -1;
        }
        int number = Integer.parseInt(answer.trim());
        return number >= 1 && number <= count ? number - 1 : -1;
    }
}
