package org.staffcard.staffimport;

/** Keycloak's admin API refused a request or could not be reached; the message says which and what to do. */
public final class AdminApiException extends Exception {

    private final int status;

    public AdminApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
