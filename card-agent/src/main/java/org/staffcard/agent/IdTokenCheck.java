package org.staffcard.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks the ID token that {@code login} received before anything trusts it: the RS256 signature against the
 * realm's published keys, the issuer, the audience, the expiry, the level of authentication ({@code acr}) and, when
 * asked, the user. The token came straight from the token endpoint, but a PC logon module acts on it, so it is
 * checked like any token a relying party gets. Only RS256, the realm's default, is accepted; a realm signing with
 * another algorithm is refused here with that name.
 */
final class IdTokenCheck {

    /** Clocks of a PC and the server may differ a little; a token is never older than this on arrival. */
    private static final long CLOCK_SKEW_SECONDS = 60;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private IdTokenCheck() {
    }

    static JsonNode verify(String idToken, JsonNode signingKeys, String issuer, String clientId, String acr,
                           Optional<String> user, Instant now) throws LoginFailedException {
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3) {
            throw rejected("the ID token is not a signed JWT");
        }
        JsonNode header = decode(parts[0]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw rejected("the ID token is signed with '" + header.path("alg").asText() + "'; only RS256 is "
                    + "accepted");
        }
        PublicKey key = rsaKey(signingKeys, header.path("kid").asText());
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw rejected("the ID token's signature does not verify with the realm's key");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw rejected("the ID token's signature cannot be checked: " + e.getMessage());
        }

        JsonNode claims = decode(parts[1]);
        expect(claims.path("iss").asText(), issuer, "issuer");
        if (!audienceHolds(claims.path("aud"), clientId)) {
            throw rejected("the ID token is not for client '" + clientId + "'");
        }
        if (claims.path("exp").asLong(0) + CLOCK_SKEW_SECONDS < now.getEpochSecond()) {
            throw rejected("the ID token has expired; is this PC's clock right?");
        }
        expect(claims.path("acr").asText(), acr, "level of authentication (acr)");
        String signedIn = claims.path("preferred_username").asText();
        if (user.isPresent() && !signedIn.equals(user.get())) {
            throw new LoginFailedException(LoginExit.TOKEN_REJECTED, "the card signed in '" + signedIn
                    + "', not '" + user.get() + "' (preferred_username)", "sign in to this account with its own "
                    + "card, or to your own account with yours");
        }
        return claims;
    }

    private static boolean audienceHolds(JsonNode audience, String clientId) {
        if (audience.isTextual()) {
            return audience.asText().equals(clientId);
        }
        for (JsonNode entry : audience) {
            if (entry.asText().equals(clientId)) {
                return true;
            }
        }
        return false;
    }

    private static void expect(String actual, String expected, String what) throws LoginFailedException {
        if (!actual.equals(expected)) {
            throw rejected("the ID token's " + what + " is '" + actual + "', expected '" + expected + "'");
        }
    }

    private static PublicKey rsaKey(JsonNode signingKeys, String kid) throws LoginFailedException {
        for (JsonNode key : signingKeys.path("keys")) {
            if (kid.equals(key.path("kid").asText()) && "RSA".equals(key.path("kty").asText())) {
                try {
                    BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText()));
                    BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()));
                    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    throw rejected("the realm's key '" + kid + "' cannot be read: " + e.getMessage());
                }
            }
        }
        throw rejected("the realm publishes no RSA key '" + kid + "'");
    }

    private static JsonNode decode(String part) throws LoginFailedException {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw rejected("a part of the ID token is not base64url JSON");
        }
    }

    private static LoginFailedException rejected(String reason) {
        return new LoginFailedException(LoginExit.TOKEN_REJECTED, reason, "an admin compares the server's "
                + "address, realm and client settings with this command's options");
    }
}
