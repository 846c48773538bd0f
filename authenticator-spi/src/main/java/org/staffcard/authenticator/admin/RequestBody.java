package org.staffcard.authenticator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON object, read strictly: only the fields the call knows, each a string or a number as stated. A
 * typo in a field name is a 400 naming the field, never a silently ignored setting.
 */
final class RequestBody {

    /** Bodies are a certificate and a few short fields; a larger one is refused before it is parsed. */
    static final int MAX_CHARS = 64 * 1024;

    private final JsonNode json;

    private RequestBody(JsonNode json) {
        this.json = json;
    }

    static RequestBody read(String text, Set<String> knownFields) {
        if (text == null || text.isBlank()) {
            text = "{}";
        }
        if (text.length() > MAX_CHARS) {
            throw ApiErrors.badRequest("body_too_large", "the request body is over " + MAX_CHARS + " characters");
        }
        JsonNode json;
        try {
            json = JsonSerialization.mapper.readTree(text);
        } catch (IOException e) {
            throw ApiErrors.badRequest("body_not_json", "the request body is not a JSON object");
        }
        if (json == null || !json.isObject()) {
            throw ApiErrors.badRequest("body_not_json", "the request body is not a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!knownFields.contains(name)) {
                throw ApiErrors.badRequest("unknown_field", "unknown field '" + name + "'; this call takes "
                        + knownFields);
            }
        }
        return new RequestBody(json);
    }

    Optional<String> text(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiErrors.badRequest(field + "_not_text", "'" + field + "' must be a JSON string");
        }
        return value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }

    String requiredText(String field, String missingCode) {
        return text(field).orElseThrow(() -> ApiErrors.badRequest(missingCode, "'" + field + "' is required"));
    }

    Optional<Long> number(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw ApiErrors.badRequest(field + "_not_a_number", "'" + field + "' must be a whole number");
        }
        return Optional.of(value.asLong());
    }
}
