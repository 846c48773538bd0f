package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.staffcard.authenticator.validation.TestPki.ROOT_KEY;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;

/** Card ECDSA signatures as BouncyCastle's provider verifies them on the server: raw r || s only. */
class AssertionSignatureCheckTest {

    private static final String ORIGIN = "https://sso.example.lg.jp";
    private static final Challenge CHALLENGE = Challenge.fromText("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA");
    private static final String CARD_USER_ID = "S0012345";
    private static final byte[] PAYLOAD = SignedPayload.of(ORIGIN, CHALLENGE, CARD_USER_ID);
    private static final X509Certificate ROOT = TestPki.root("CN=Staff Card Test Root,O=Staffcard Test", ROOT_KEY);

    /** A given first byte turns up in 1 of 256 signatures; this many tries miss it with odds below 1 in 10^8. */
    private static final int SIGNING_TRIES = 5000;

    @Test
    void verifiesEcdsaWithBouncyCastle() {
        Provider provider = BouncyCastleInstance.get();

        assertThat(provider).as("ECDSA verification provider").isNotNull();
        assertThat(provider.getName()).isEqualTo("BC");
    }

    @ParameterizedTest
    @CsvSource({"ES256, secp256r1", "ES384, secp384r1", "ES512, secp521r1"})
    void acceptsRawSignatureWhoseRStartsWithZero(SignatureAlgorithm algorithm, String curve) throws Exception {
        KeyPair card = TestPki.ec(curve);

        byte[] raw = signUntil(algorithm, card, signature -> signature[0] == 0);

        assertThat(raw).hasSize(algorithm.rawSignatureLength());
        assertThatCode(() -> check(algorithm, card, raw)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"ES256, secp256r1", "ES384, secp384r1"})
    void acceptsRawSignatureThatBeginsLikeDer(SignatureAlgorithm algorithm, String curve) throws Exception {
        KeyPair card = TestPki.ec(curve);

        byte[] looksLikeDer = signUntil(algorithm, card, signature -> signature[0] == 0x30);

        assertThatCode(() -> check(algorithm, card, looksLikeDer)).doesNotThrowAnyException();
    }

    @Test
    void refusesDerEncodedSignatureOfTheRightKeyAndBytes() throws Exception {
        KeyPair card = TestPki.ec("secp256r1");
        Signature derSigner = Signature.getInstance("SHA256withECDSA");
        derSigner.initSign(card.getPrivate());
        derSigner.update(PAYLOAD);
        byte[] der = derSigner.sign();

        assertThatExceptionOfType(SignatureInvalidException.class)
                .isThrownBy(() -> check(SignatureAlgorithm.ES256, card, der))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_signature_invalid"));
    }

    @Test
    void refusesRawSignatureWithOneBitChanged() throws Exception {
        KeyPair card = TestPki.ec("secp256r1");
        byte[] raw = signUntil(SignatureAlgorithm.ES256, card, signature -> true);
        raw[40] ^= 0x01;

        assertThatExceptionOfType(SignatureInvalidException.class)
                .isThrownBy(() -> check(SignatureAlgorithm.ES256, card, raw));
    }

    private static void check(SignatureAlgorithm algorithm, KeyPair card, byte[] signature)
            throws SignatureInvalidException {
        X509Certificate leaf = TestPki.certificate("CN=" + CARD_USER_ID + ",O=Staffcard Test")
                .publicKey(card.getPublic()).issuedBy(ROOT, ROOT_KEY.getPrivate()).build();
        CardAssertion assertion = new CardAssertion(CARD_USER_ID, List.of(), algorithm, signature);

        AssertionSignatureCheck.check(assertion, leaf, CertificateIdentity.of(leaf), ORIGIN, CHALLENGE);
    }

    /** Signs with the JDK, as a card's agent does, until the raw signature has the wanted shape. */
    private static byte[] signUntil(SignatureAlgorithm algorithm, KeyPair card, Predicate<byte[]> wanted)
            throws GeneralSecurityException {
        for (int i = 0; i < SIGNING_TRIES; i++) {
            Signature signer = algorithm.newSignature();
            signer.initSign(card.getPrivate());
            signer.update(PAYLOAD);
            byte[] raw = signer.sign();
            if (wanted.test(raw)) {
                return raw;
            }
        }
        throw new AssertionError("no signature of the wanted shape in " + SIGNING_TRIES + " tries");
    }
}
