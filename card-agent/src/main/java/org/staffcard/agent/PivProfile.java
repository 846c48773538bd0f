package org.staffcard.agent;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * A PIV card (NIST SP 800-73-4): the card user ID is the CHUID's card UUID, the key is the PIV Authentication key.
 * With RSA the agent pads the SHA-256 DigestInfo itself (RS256); with P-256 it sends the hash and turns the card's
 * DER signature into the raw {@code r || s} of ES256.
 */
final class PivProfile implements CardProfile {

    static final String NAME = "PIV";

    private static final int P256_FIELD_BYTES = 32;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean selectApplication(ApduExchange exchange) throws AgentException {
        return new PivCard(exchange).select();
    }

    @Override
    public CardIdentity readIdentity(ApduExchange exchange) throws AgentException {
        PivCard card = new PivCard(exchange);
        String cardUserId = card.readCardUuid();
        byte[] certificateDer = card.readAuthenticationCertificate();
        X509Certificate certificate = CardIdentity.parseCertificate(certificateDer);
        PivKeyAlgorithm algorithm = PivKeyAlgorithm.of(certificate.getPublicKey());
        int triesLeft = card.pinTriesLeft();
        return new CardIdentity(this, cardUserId, certificateDer, certificate, triesLeft,
                algorithm.signatureAlgorithm());
    }

    @Override
    public byte[] sign(ApduExchange exchange, CardIdentity identity, char[] pin, byte[] payload)
            throws AgentException {
        PivCard card = new PivCard(exchange);
        PivKeyAlgorithm algorithm = PivKeyAlgorithm.of(identity.certificate().getPublicKey());
        card.verifyPin(pin, identity.pinTriesLeft());

        if (algorithm == PivKeyAlgorithm.RSA_2048) {
            RSAPublicKey key = (RSAPublicKey) identity.certificate().getPublicKey();
            int modulusBytes = (key.getModulus().bitLength() + 7) / 8;
            byte[] signature = card.generalAuthenticate(algorithm, Pkcs1SignatureBlock.sha256Block(payload,
                    modulusBytes));
            return leftPadded(signature, modulusBytes);
        }
        byte[] der = card.generalAuthenticate(algorithm, Pkcs1SignatureBlock.sha256(payload));
        return EcdsaSignatureEncoding.derToRaw(der, P256_FIELD_BYTES);
    }

    /** Some cards drop the leading zero bytes of an RSA result; RS256 wants the full modulus length. */
    private static byte[] leftPadded(byte[] signature, int length) throws CardFailureException {
        if (signature.length > length) {
            throw new CardFailureException("the card's RSA signature is longer than the modulus");
        }
        byte[] padded = new byte[length];
        System.arraycopy(signature, 0, padded, length - signature.length, signature.length);
        Arrays.fill(signature, (byte) 0);
        return padded;
    }
}
