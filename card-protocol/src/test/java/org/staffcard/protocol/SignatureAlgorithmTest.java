package org.staffcard.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** Field case FC-12: raw ECDSA signatures verify whatever their first bytes, read by the declared algorithm. */
class SignatureAlgorithmTest {

    private static final byte[] PAYLOAD = "payload".getBytes();

    @ParameterizedTest
    @CsvSource({"ES256, secp256r1", "ES384, secp384r1", "ES512, secp521r1"})
    void verifiesRawSignatureWhoseRStartsWithZero(SignatureAlgorithm algorithm, String curve) throws Exception {
        KeyPair keys = ecKeys(curve);

        byte[] raw = signUntil(algorithm, keys, signature -> signature[0] == 0);

        assertThat(raw).hasSize(algorithm.rawSignatureLength());
        assertThat(algorithm.verify(keys.getPublic(), PAYLOAD, raw)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"ES256, secp256r1", "ES384, secp384r1"})
    void verifiesRawSignatureWithHighBitInSAndFirstByte0x30(SignatureAlgorithm algorithm, String curve)
            throws Exception {
        KeyPair keys = ecKeys(curve);
        int half = algorithm.rawSignatureLength() / 2;

        byte[] highBit = signUntil(algorithm, keys, signature -> (signature[half] & 0x80) != 0);
        byte[] looksLikeDer = signUntil(algorithm, keys, signature -> signature[0] == 0x30);

        assertThat(algorithm.verify(keys.getPublic(), PAYLOAD, highBit)).isTrue();
        assertThat(algorithm.verify(keys.getPublic(), PAYLOAD, looksLikeDer)).isTrue();
    }

    /** Signs until the raw signature has the wanted shape; 1 in 256 signatures has a given first byte. */
    private static byte[] signUntil(SignatureAlgorithm algorithm, KeyPair keys,
                                    java.util.function.Predicate<byte[]> wanted) throws Exception {
        for (int i = 0; i < 5000; i++) {
            byte[] raw = sign(algorithm, keys);
            if (wanted.test(raw)) {
                return raw;
            }
        }
        throw new AssertionError("no signature of the wanted shape in 5000 tries");
    }

    @Test
    void refusesDerEncodedEcdsaSignature() throws Exception {
        KeyPair keys = ecKeys("secp256r1");
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(keys.getPrivate());
        der.update(PAYLOAD);

        assertThat(SignatureAlgorithm.ES256.verify(keys.getPublic(), PAYLOAD, der.sign())).isFalse();
    }

    @Test
    void verifiesWithTheProviderItIsGiven() throws Exception {
        KeyPair keys = ecKeys("secp256r1");
        byte[] raw = sign(SignatureAlgorithm.ES256, keys);

        assertThat(SignatureAlgorithm.ES256.verify(keys.getPublic(), PAYLOAD, raw, Security.getProvider("SunEC")))
                .isTrue();
        assertThat(SignatureAlgorithm.ES256.verify(keys.getPublic(), PAYLOAD, raw, Security.getProvider("SunRsaSign")))
                .as("a provider without ECDSA").isFalse();
    }

    @Test
    void refusesKeyOfAnotherCurve() throws Exception {
        KeyPair p384 = ecKeys("secp384r1");

        assertThat(SignatureAlgorithm.ES256.verify(p384.getPublic(), PAYLOAD, sign(SignatureAlgorithm.ES384, p384)))
                .isFalse();
    }

    @Test
    void refusesRsaKeyShorterThan2048Bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair keys = generator.generateKeyPair();

        assertThat(SignatureAlgorithm.RS256.verify(keys.getPublic(), PAYLOAD, sign(SignatureAlgorithm.RS256, keys)))
                .isFalse();
    }

    @Test
    void verifiesPssWithItsFixedParameters() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();

        assertThat(SignatureAlgorithm.PS256.verify(keys.getPublic(), PAYLOAD, sign(SignatureAlgorithm.PS256, keys)))
                .isTrue();
        assertThat(SignatureAlgorithm.RS256.verify(keys.getPublic(), PAYLOAD, sign(SignatureAlgorithm.PS256, keys)))
                .isFalse();
    }

    private static byte[] sign(SignatureAlgorithm algorithm, KeyPair keys) throws Exception {
        Signature signer = algorithm.newSignature();
        signer.initSign(keys.getPrivate());
        signer.update(PAYLOAD);
        return signer.sign();
    }

    private static KeyPair ecKeys(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }
}
