package org.staffcard.authenticator.admin;

import jakarta.ws.rs.core.Response.Status;
import org.keycloak.services.ErrorResponseException;

/**
 * The API's error answers: {@code {"error": "<code>", "error_description": "<text>"}}, with a code a script can
 * branch on and a sentence an admin can act on. Input faults are 400, a state that forbids the change 409.
 */
final class ApiErrors {

    private ApiErrors() {
    }

    static ErrorResponseException badRequest(String code, String description) {
        return new ErrorResponseException(code, description, Status.BAD_REQUEST);
    }

    static ErrorResponseException conflict(String code, String description) {
        return new ErrorResponseException(code, description, Status.CONFLICT);
    }

    static ErrorResponseException notFound(String code, String description) {
        return new ErrorResponseException(code, description, Status.NOT_FOUND);
    }

    static ErrorResponseException unauthorized(String description) {
        return new ErrorResponseException("not_authenticated", description, Status.UNAUTHORIZED);
    }
}
