package org.staffcard.virtualcard;

/**
 * Transmission habits of T=0 cards that a reader must cope with, switched on to test the reader.
 *
 * @param moreDataViaGetResponse every answer carrying data is held back with 61 xx and handed out by GET RESPONSE
 *                               (00 C0 00 00 xx), at most 256 bytes at a time
 * @param wrongLeAnswered6C      a command whose Le asks for more than the card has to give, or for fewer bytes than
 *                               an answer that cannot be cut short, is refused with 6C xx naming the right Le
 */
public record CardQuirks(boolean moreDataViaGetResponse, boolean wrongLeAnswered6C) {

    /** A well-behaved card: data comes with 90 00, a too-large Le just gets the bytes there are. */
    public static final CardQuirks NONE = new CardQuirks(false, false);

    public static CardQuirks getResponseOnly() {
        return new CardQuirks(true, false);
    }

    public static CardQuirks wrongLeOnly() {
        return new CardQuirks(false, true);
    }
}
