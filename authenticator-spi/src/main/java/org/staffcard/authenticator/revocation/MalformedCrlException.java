package org.staffcard.authenticator.revocation;

/** A CRL's bytes are not a CRL we can read. */
final class MalformedCrlException extends Exception {

    MalformedCrlException(String message) {
        super(message);
    }
}
