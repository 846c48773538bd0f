package org.staffcard.protocol;

/** The assertion names a signature algorithm that is not on the allow-list. */
public final class UnsupportedAlgorithmException extends Exception {

    private final String declared;

    public UnsupportedAlgorithmException(String declared) {
        super("signature algorithm not allowed: " + declared);
        this.declared = declared;
    }

    public String declared() {
        return declared;
    }
}
