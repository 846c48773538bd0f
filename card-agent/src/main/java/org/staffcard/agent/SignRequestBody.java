package org.staffcard.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.staffcard.protocol.Challenge;

import java.nio.charset.StandardCharsets;

/** The body of {@code POST /v1/sign}: exactly {@code {"challenge":"<43 base64url characters>"}}. */
final class SignRequestBody {

    private SignRequestBody() {
    }

    static Challenge parse(ObjectMapper json, byte[] body) throws BadRequestException {
        JsonNode root;
        try {
            root = json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not JSON");
        }
        if (root == null || !root.isObject() || root.size() != 1 || !root.has("challenge")) {
            throw new BadRequestException("the body must be exactly {\"challenge\":\"...\"}");
        }
        JsonNode challenge = root.get("challenge");
        if (!challenge.isTextual()) {
            throw new BadRequestException("the challenge is not text");
        }
        try {
            return Challenge.fromText(challenge.textValue());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the challenge is not 43 base64url characters");
        }
    }
}
