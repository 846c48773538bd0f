package org.staffcard.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the assertion JSON:
 *
 * <pre>
 * {"protocol":1, "cardUserId":"S0012345", "certificates":["base64 DER", ...], "algorithm":"RS256",
 *  "signature":"base64url"}
 * </pre>
 *
 * Reading checks size and form before anything else and refuses unknown fields, so a malformed or oversized
 * assertion never reaches certificate parsing or signature checks.
 */
public final class CardAssertionCodec {

    private static final Set<String> FIELDS = Set.of("protocol", "cardUserId", "certificates", "algorithm",
            "signature");

    /** One object with each field once and nothing after it: any other reading of the text is refused. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(4).maxStringLength(ProtocolLimits.MAX_ASSERTION_CHARS).build());
    }

    private CardAssertionCodec() {
    }

    public static String write(CardAssertion assertion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("protocol", ProtocolVersion.CURRENT);
        root.put("cardUserId", assertion.cardUserId());
        ArrayNode certificates = root.putArray("certificates");
        assertion.certificateChain().forEach(der -> certificates.add(Base64.getEncoder().encodeToString(der)));
        root.put("algorithm", assertion.algorithm().name());
        root.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(assertion.signature()));
        return root.toString();
    }

    /**
     * Parses an assertion.
     *
     * @throws MalformedAssertionException when size, form or a field is wrong
     * @throws UnsupportedAlgorithmException when the declared algorithm is not on the allow-list
     */
    public static CardAssertion read(String text) throws MalformedAssertionException, UnsupportedAlgorithmException {
        if (text == null || text.isEmpty()) {
            throw new MalformedAssertionException("no assertion was sent");
        }
        if (text.length() > ProtocolLimits.MAX_ASSERTION_CHARS) {
            throw new MalformedAssertionException("assertion longer than " + ProtocolLimits.MAX_ASSERTION_CHARS);
        }

        JsonNode root = parse(text);
        checkFields(root);

        String cardUserId = textField(root, "cardUserId");
        if (!CardUserId.isWellFormed(cardUserId)) {
            throw new MalformedAssertionException("card user ID is not 1-64 characters of [A-Za-z0-9._-]");
        }
        List<byte[]> chain = certificates(root.get("certificates"));
        String declared = textField(root, "algorithm");
        SignatureAlgorithm algorithm = SignatureAlgorithm.byName(declared)
                .orElseThrow(() -> new UnsupportedAlgorithmException(declared));
        byte[] signature = signature(textField(root, "signature"));
        return new CardAssertion(cardUserId, chain, algorithm, signature);
    }

    private static JsonNode parse(String text) throws MalformedAssertionException {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new MalformedAssertionException("assertion is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedAssertionException("assertion is not valid JSON");
        }
    }

    private static void checkFields(JsonNode root) throws MalformedAssertionException {
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new MalformedAssertionException("unknown field in assertion: " + name);
            }
        }
        JsonNode protocol = root.get("protocol");
        if (protocol == null || !protocol.isInt() || protocol.intValue() != ProtocolVersion.CURRENT) {
            throw new MalformedAssertionException("protocol version is not " + ProtocolVersion.CURRENT);
        }
    }

    private static String textField(JsonNode root, String name) throws MalformedAssertionException {
        JsonNode node = root.get(name);
        if (node == null || !node.isTextual()) {
            throw new MalformedAssertionException("field " + name + " is missing or not text");
        }
        return node.textValue();
    }

    private static List<byte[]> certificates(JsonNode node) throws MalformedAssertionException {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new MalformedAssertionException("certificates must be a non-empty array");
        }
        if (node.size() > ProtocolLimits.MAX_CERTIFICATES) {
            throw new MalformedAssertionException("more than " + ProtocolLimits.MAX_CERTIFICATES + " certificates");
        }
        List<byte[]> chain = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!entry.isTextual()) {
                throw new MalformedAssertionException("a certificate is not text");
            }
            byte[] der = decode(Base64.getDecoder(), entry.textValue(), "certificate");
            if (der.length == 0 || der.length > ProtocolLimits.MAX_CERTIFICATE_BYTES) {
                throw new MalformedAssertionException("a certificate is empty or larger than "
                        + ProtocolLimits.MAX_CERTIFICATE_BYTES + " bytes");
            }
            chain.add(der);
        }
        return chain;
    }

    private static byte[] signature(String text) throws MalformedAssertionException {
        byte[] signature = decode(Base64.getUrlDecoder(), text, "signature");
        if (signature.length == 0 || signature.length > ProtocolLimits.MAX_SIGNATURE_BYTES) {
            throw new MalformedAssertionException("signature is empty or larger than "
                    + ProtocolLimits.MAX_SIGNATURE_BYTES + " bytes");
        }
        return signature;
    }

    private static byte[] decode(Base64.Decoder decoder, String text, String what)
            throws MalformedAssertionException {
        try {
            return decoder.decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedAssertionException(what + " is not valid base64");
        }
    }
}
