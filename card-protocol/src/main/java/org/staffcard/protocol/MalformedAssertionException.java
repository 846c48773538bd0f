package org.staffcard.protocol;

/** The assertion is not in the wire format: too large, not JSON, a field missing, of the wrong form or size. */
public final class MalformedAssertionException extends Exception {

    public MalformedAssertionException(String reason) {
        super(reason);
    }
}
