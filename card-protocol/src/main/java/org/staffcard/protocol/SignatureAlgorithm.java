package org.staffcard.protocol;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The signature algorithms a card may use, named as in JOSE (RFC 7518). The declared name alone fixes how the
 * signature bytes are read: ECDSA signatures travel as raw {@code r || s} of fixed length, never as DER, so nothing
 * is guessed from the first byte of the value.
 */
public enum SignatureAlgorithm {

    /** RSASSA-PKCS1-v1_5 with SHA-256: what the My Number Card's JPKI key makes. */
    RS256("SHA256withRSA", null, KeyType.RSA, 0),
    /** RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt. */
    PS256("RSASSA-PSS", null, KeyType.RSA, 0),
    ES256("SHA256withECDSAinP1363Format", "SHA256withPLAIN-ECDSA", KeyType.EC, 32),
    ES384("SHA384withECDSAinP1363Format", "SHA384withPLAIN-ECDSA", KeyType.EC, 48),
    ES512("SHA512withECDSAinP1363Format", "SHA512withPLAIN-ECDSA", KeyType.EC, 66);

    /** RSA keys below this size are refused whatever the card says. */
    public static final int MIN_RSA_BITS = 2048;

    private final String jcaName;
    private final String plainEcdsaName;
    private final KeyType keyType;
    private final int ecFieldBytes;

    /**
     * @param plainEcdsaName the same raw {@code r || s} ECDSA under the name of BSI TR-03111, which providers other
     *                       than the JDK's (BouncyCastle among them) use instead of the JDK's "inP1363Format" name
     */
    SignatureAlgorithm(String jcaName, String plainEcdsaName, KeyType keyType, int ecFieldBytes) {
        this.jcaName = jcaName;
        this.plainEcdsaName = plainEcdsaName;
        this.keyType = keyType;
        this.ecFieldBytes = ecFieldBytes;
    }

    public static Optional<SignatureAlgorithm> byName(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst();
    }

    public boolean isRsa() {
        return keyType == KeyType.RSA;
    }

    /** Length of a raw ECDSA signature for this algorithm, or 0 for RSA. */
    public int rawSignatureLength() {
        return 2 * ecFieldBytes;
    }

    /** Whether the key is of the kind and size this algorithm signs with. */
    public boolean fits(PublicKey key) {
        if (keyType == KeyType.RSA) {
            return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS;
        }
        return key instanceof ECPublicKey ec
                && (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8 == ecFieldBytes;
    }

    /** Verifies {@code signature} over {@code payload}; any malformed signature is simply not valid. */
    public boolean verify(PublicKey key, byte[] payload, byte[] signature) {
        return verify(key, payload, signature, null);
    }

    /**
     * Verifies {@code signature} over {@code payload} with the given JCA provider, or with the first installed one
     * that offers the algorithm when {@code provider} is null. The signature is read the same way whichever provider
     * does the arithmetic: raw {@code r || s} of the fixed length for ECDSA.
     */
    public boolean verify(PublicKey key, byte[] payload, byte[] signature, Provider provider) {
        if (!fits(key) || (keyType == KeyType.EC && signature.length != rawSignatureLength())) {
            return false;
        }
        try {
            Signature verifier = provider == null ? newSignature() : newSignature(provider);
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A JCA signature object set up for this algorithm, for signing or verifying. */
    public Signature newSignature() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaName);
        if (this == PS256) {
            setPssParameters(signature);
        }
        return signature;
    }

    /**
     * A JCA signature object of the given provider set up for this algorithm. Raw ECDSA is asked for under the JDK's
     * name when the provider knows it, else under the plain-ECDSA name; both mean the same bytes.
     *
     * @throws java.security.NoSuchAlgorithmException when the provider offers this algorithm under neither name
     */
    public Signature newSignature(Provider provider) throws GeneralSecurityException {
        String name = jcaName;
        if (plainEcdsaName != null && provider.getService("Signature", jcaName) == null) {
            name = plainEcdsaName;
        }

        Signature signature = Signature.getInstance(name, provider);
        if (this == PS256) {
            setPssParameters(signature);
        }
        return signature;
    }

    private static void setPssParameters(Signature signature) throws InvalidAlgorithmParameterException {
        signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    }

    private enum KeyType { RSA, EC }
}
