package org.staffcard.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdTokenCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://sso.example.lg.jp/realms/staff";
    private static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");
    private static final KeyPair REALM_KEY = rsaKey();
    private static final KeyPair OTHER_KEY = rsaKey();

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode claims() {
        return JSON.createObjectNode().put("iss", ISSUER).put("aud", "pc-logon").put("azp", "pc-logon")
                .put("exp", NOW.getEpochSecond() + 300).put("acr", "card-password")
                .put("preferred_username", "yamada.taro").put("sub", "d1");
    }

    private static String token(ObjectNode claims, KeyPair signer, String alg) throws Exception {
        String header = b64(JSON.writeValueAsBytes(JSON.createObjectNode().put("alg", alg).put("kid", "k1")));
        String body = b64(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(signer.getPrivate());
        signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + b64(signature.sign());
    }

    private static JsonNode keys() {
        RSAPublicKey key = (RSAPublicKey) REALM_KEY.getPublic();
        ObjectNode jwk = JSON.createObjectNode().put("kid", "k1").put("kty", "RSA")
                .put("n", b64(unsigned(key.getModulus().toByteArray())))
                .put("e", b64(key.getPublicExponent().toByteArray()));
        ObjectNode set = JSON.createObjectNode();
        set.putArray("keys").add(jwk);
        return set;
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static JsonNode verify(String token, Optional<String> user) throws LoginFailedException {
        return IdTokenCheck.verify(token, keys(), ISSUER, "pc-logon", "card-password", user, NOW);
    }

    private static void assertRejected(String token, Optional<String> user, String reason) {
        assertThatThrownBy(() -> verify(token, user)).isInstanceOfSatisfying(LoginFailedException.class, e -> {
            assertThat(e.exit()).isEqualTo(LoginExit.TOKEN_REJECTED);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    @Test
    void acceptsATokenOfTheRealmForThisClientUserAndLevel() throws Exception {
        JsonNode verified = verify(token(claims(), REALM_KEY, "RS256"), Optional.of("yamada.taro"));

        assertThat(verified.path("sub").asText()).isEqualTo("d1");
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() throws Exception {
        assertRejected(token(claims(), OTHER_KEY, "RS256"), Optional.empty(), "does not verify");
    }

    @Test
    void rejectsAnUnsignedOrOtherwiseSignedToken() throws Exception {
        assertRejected(token(claims(), REALM_KEY, "none"), Optional.empty(), "only RS256");
    }

    @Test
    void rejectsAnotherIssuer() throws Exception {
        assertRejected(token(claims().put("iss", "https://evil.example/realms/staff"), REALM_KEY, "RS256"),
                Optional.empty(), "issuer");
    }

    @Test
    void rejectsATokenForAnotherClient() throws Exception {
        assertRejected(token(claims().put("aud", "business-app"), REALM_KEY, "RS256"), Optional.empty(),
                "not for client 'pc-logon'");
    }

    @Test
    void rejectsALowerLevelThanExpected() throws Exception {
        assertRejected(token(claims().put("acr", "card"), REALM_KEY, "RS256"), Optional.empty(), "acr");
    }

    @Test
    void rejectsAnotherUserThanTheOneExpected() throws Exception {
        assertRejected(token(claims(), REALM_KEY, "RS256"), Optional.of("sato.hanako"), "preferred_username");
    }

    @Test
    void rejectsAnExpiredToken() throws Exception {
        assertRejected(token(claims().put("exp", NOW.getEpochSecond() - 120), REALM_KEY, "RS256"),
                Optional.empty(), "expired");
    }
}
