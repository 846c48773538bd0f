package org.staffcard.authenticator.revocation;

/**
 * No usable revocation answer could be had from one source: it could not be reached, was too slow, or gave an
 * answer that failed a check. The message says which, for the admin log.
 */
final class RevocationDataException extends Exception {

    RevocationDataException(String message) {
        super(message);
    }

    RevocationDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
