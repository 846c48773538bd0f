package org.staffcard.virtualcard;

/** A command whose bytes do not form a short ISO 7816-4 APDU; the card answers 67 00. */
final class MalformedApduException extends Exception {

    MalformedApduException(String message) {
        super(message);
    }
}
