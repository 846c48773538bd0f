package org.staffcard.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.staffcard.protocol.Challenge;

import java.nio.charset.StandardCharsets;

/**
 * The body of {@code POST /v1/sign}: exactly {@code {"challenge":"<43 base64url characters>"}}. Parsed strictly: a
 * repeated key, another field or anything after the object is refused, so no two parsers (a proxy, a logger, this
 * one) can read the same bytes as different challenges.
 */
final class SignRequestBody {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SignRequestBody() {
    }

    static Challenge parse(byte[] body) throws BadRequestException {
        JsonNode root;
        try {
            root = STRICT.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not one JSON object without repeated keys");
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
