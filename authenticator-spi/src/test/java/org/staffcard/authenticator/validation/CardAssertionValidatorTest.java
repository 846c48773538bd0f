package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.staffcard.authenticator.validation.TestPki.EC_LEAF_KEY;
import static org.staffcard.authenticator.validation.TestPki.INTERMEDIATE_KEY;
import static org.staffcard.authenticator.validation.TestPki.NOW;
import static org.staffcard.authenticator.validation.TestPki.ROOT_KEY;
import static org.staffcard.authenticator.validation.TestPki.RSA_LEAF_KEY;
import static org.staffcard.authenticator.validation.TestPki.certificate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;

class CardAssertionValidatorTest {

    private static final String ORIGIN = "https://sso.example.lg.jp";
    private static final Challenge CHALLENGE = Challenge.fromText("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA");
    private static final String CARD_USER_ID = "S0012345";
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private static final X509Certificate ROOT = TestPki.root("CN=Staff Card Test Root,O=Staffcard Test", ROOT_KEY);
    private static final X509Certificate RSA_LEAF = leafFor(RSA_LEAF_KEY).build();
    private static final X509Certificate EC_LEAF = leafFor(EC_LEAF_KEY).build();

    private final CardAssertionValidator validator = validatorTrusting(ROOT);

    @Test
    void acceptsValidRs256Assertion() throws Exception {
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, RSA_LEAF);

        ValidatedCard card = validator.validate(assertion, ORIGIN, CHALLENGE);

        assertThat(card.cardUserId()).isEqualTo(CARD_USER_ID);
        assertThat(card.leaf()).isEqualTo(RSA_LEAF);
        assertThat(card.issuerDn()).isEqualTo("CN=Staff Card Test Root,O=Staffcard Test");
        assertThat(card.serialHex()).isEqualTo(RSA_LEAF.getSerialNumber().toString(16));
        assertThat(card.spkiSha256Hex()).isEqualTo(SpkiFingerprint.sha256Hex(RSA_LEAF_KEY.getPublic()));
    }

    @Test
    void acceptsValidEs256Assertion() throws Exception {
        CardAssertion assertion = signed(SignatureAlgorithm.ES256, EC_LEAF_KEY, EC_LEAF);

        assertThat(validator.validate(assertion, ORIGIN, CHALLENGE).leaf()).isEqualTo(EC_LEAF);
    }

    @Test
    void acceptsValidPs256Assertion() throws Exception {
        CardAssertion assertion = signed(SignatureAlgorithm.PS256, RSA_LEAF_KEY, RSA_LEAF);

        assertThat(validator.validate(assertion, ORIGIN, CHALLENGE).leaf()).isEqualTo(RSA_LEAF);
    }

    @Test
    void acceptsLeafIssuedByIntermediateSentInTheAssertion() throws Exception {
        X509Certificate intermediate = intermediate().build();
        X509Certificate leaf = leafUnder(intermediate).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf, intermediate);

        assertThat(validator.validate(assertion, ORIGIN, CHALLENGE).issuerDn())
                .isEqualTo("CN=Staff Card Test Intermediate,O=Staffcard Test");
    }

    @Test
    void acceptsChainThatCarriesTheTrustAnchorItself() throws Exception {
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, RSA_LEAF, ROOT);

        assertThat(validator.validate(assertion, ORIGIN, CHALLENGE).leaf()).isEqualTo(RSA_LEAF);
    }

    @Test
    void rejectsSignatureMadeForAnotherOrigin() {
        byte[] signature = sign(SignatureAlgorithm.RS256, RSA_LEAF_KEY.getPrivate(),
                SignedPayload.of("https://evil.example.com", CHALLENGE, CARD_USER_ID));
        CardAssertion assertion = assertion(CARD_USER_ID, SignatureAlgorithm.RS256, signature, RSA_LEAF);

        assertThatExceptionOfType(SignatureInvalidException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_signature_invalid"));
    }

    @Test
    void rejectsSignatureForAnotherChallenge() {
        Challenge earlier = Challenge.fromText("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        byte[] signature = sign(SignatureAlgorithm.RS256, RSA_LEAF_KEY.getPrivate(),
                SignedPayload.of(ORIGIN, earlier, CARD_USER_ID));
        CardAssertion assertion = assertion(CARD_USER_ID, SignatureAlgorithm.RS256, signature, RSA_LEAF);

        assertThatExceptionOfType(SignatureInvalidException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_signature_invalid"));
    }

    @Test
    void rejectsSwappedCardUserId() {
        byte[] signature = sign(SignatureAlgorithm.RS256, RSA_LEAF_KEY.getPrivate(),
                SignedPayload.of(ORIGIN, CHALLENGE, CARD_USER_ID));
        CardAssertion assertion = assertion("S0099999", SignatureAlgorithm.RS256, signature, RSA_LEAF);

        assertThatExceptionOfType(SignatureInvalidException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_signature_invalid"));
    }

    @Test
    void rejectsTamperedSignature() {
        CardAssertion genuine = signed(SignatureAlgorithm.ES256, EC_LEAF_KEY, EC_LEAF);
        byte[] tampered = genuine.signature();
        tampered[10] ^= 0x01;
        CardAssertion assertion = assertion(CARD_USER_ID, SignatureAlgorithm.ES256, tampered, EC_LEAF);

        assertThatExceptionOfType(SignatureInvalidException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_signature_invalid"));
    }

    @Test
    void rejectsAlgorithmNotOnAllowList() {
        CardAssertionValidator rsaOnly = CardAssertionValidator.builder(TrustAnchors.fromPem(TestPki.pem(ROOT)))
                .clock(fixedClock()).allowedAlgorithms(EnumSet.of(SignatureAlgorithm.RS256, SignatureAlgorithm.PS256))
                .build();
        CardAssertion assertion = signed(SignatureAlgorithm.ES256, EC_LEAF_KEY, EC_LEAF);

        assertThatExceptionOfType(AlgorithmNotAllowedException.class)
                .isThrownBy(() -> rsaOnly.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_algorithm_not_allowed"))
                .satisfies(e -> assertThat(e.adminDetail()).contains("ES256"));
    }

    @Test
    void rejectsKeyOfWrongTypeForDeclaredAlgorithm() {
        CardAssertion assertion = assertion(CARD_USER_ID, SignatureAlgorithm.ES256, new byte[64], RSA_LEAF);

        assertThatExceptionOfType(SignatureInvalidException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_signature_invalid"))
                .satisfies(e -> assertThat(e.adminDetail()).contains("RSA key of 2048 bits", "ES256"));
    }

    @Test
    void rejectsRsaKeyShorterThan2048Bits() {
        KeyPair weak = TestPki.rsa(1024);
        X509Certificate leaf = leafFor(weak).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, weak, leaf);

        assertThatExceptionOfType(SignatureInvalidException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_signature_invalid"))
                .satisfies(e -> assertThat(e.adminDetail()).contains("RSA key of 1024 bits"));
    }

    @Test
    void rejectsExpiredLeaf() {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).validUntil(NOW.minus(ONE_DAY)).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateExpiredException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_expired"))
                .satisfies(e -> assertThat(e.adminDetail()).startsWith("leaf certificate subject 'CN=S0012345"));
    }

    @Test
    void rejectsNotYetValidLeaf() {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).validFrom(NOW.plus(ONE_DAY)).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateNotYetValidException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_expired"));
    }

    /** Field case FC-11: the card's certificate was still valid, the CA that issued it had expired the day before. */
    @Test
    void rejectsExpiredIntermediate() {
        X509Certificate intermediate = intermediate().validUntil(NOW.minus(ONE_DAY)).build();
        X509Certificate leaf = leafUnder(intermediate).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf, intermediate);

        assertThatExceptionOfType(CertificateExpiredException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_expired"))
                .satisfies(e -> assertThat(e.adminDetail())
                        .startsWith("intermediate certificate subject 'CN=Staff Card Test Intermediate"));
    }

    /** Field case FC-11, the other half: the card's certificate is valid, but its issuing CA is not valid yet. */
    @Test
    void rejectsNotYetValidIntermediate() {
        X509Certificate intermediate = intermediate().validFrom(NOW.plus(ONE_DAY)).build();
        X509Certificate leaf = leafUnder(intermediate).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf, intermediate);

        assertThatExceptionOfType(CertificateNotYetValidException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_expired"))
                .satisfies(e -> assertThat(e.adminDetail())
                        .startsWith("intermediate certificate subject 'CN=Staff Card Test Intermediate"));
    }

    @Test
    void rejectsExpiredTrustAnchor() {
        X509Certificate expiredRoot = TestPki.certificate("CN=Expired Root,O=Staffcard Test").ca()
                .validUntil(NOW.minus(ONE_DAY)).publicKey(ROOT_KEY.getPublic()).selfSigned(ROOT_KEY.getPrivate())
                .build();
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).issuedBy(expiredRoot, ROOT_KEY.getPrivate()).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateExpiredException.class)
                .isThrownBy(() -> validatorTrusting(expiredRoot).validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_expired"))
                .satisfies(e -> assertThat(e.adminDetail()).startsWith("trust anchor certificate"));
    }

    @Test
    void rejectsUntrustedIssuer() {
        KeyPair otherKey = TestPki.rsa(2048);
        X509Certificate otherRoot = TestPki.root("CN=Other Root,O=Elsewhere", otherKey);
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).issuedBy(otherRoot, otherKey.getPrivate()).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateUntrustedException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_untrusted"))
                .satisfies(e -> assertThat(e.adminDetail()).contains("issuer 'CN=Other Root,O=Elsewhere'"));
    }

    @Test
    void rejectsCaThatCopiesTheTrustAnchorName() {
        KeyPair impostorKey = TestPki.rsa(2048);
        X509Certificate impostor = TestPki.root("CN=Staff Card Test Root,O=Staffcard Test", impostorKey);
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).issuedBy(impostor, impostorKey.getPrivate()).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateUntrustedException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_untrusted"));
    }

    @Test
    void rejectsLeafWithoutDigitalSignatureInCriticalKeyUsage() {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).keyUsage(KeyUsage.keyEncipherment, true).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateWrongPurposeException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_wrong_purpose"));
    }

    @Test
    void rejectsLeafWithoutDigitalSignatureInNonCriticalKeyUsage() {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).keyUsage(KeyUsage.keyEncipherment, false).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateWrongPurposeException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_wrong_purpose"));
    }

    @Test
    void rejectsLeafWithoutKeyUsage() {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).noKeyUsage().build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateWrongPurposeException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_wrong_purpose"))
                .satisfies(e -> assertThat(e.adminDetail()).contains("no key usage extension"));
    }

    @Test
    void acceptsLeafWithDigitalSignatureInNonCriticalKeyUsage() throws Exception {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).keyUsage(KeyUsage.digitalSignature, false).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThat(validator.validate(assertion, ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void rejectsGarbageCertificate() {
        byte[] garbage = "not a certificate at all".getBytes(StandardCharsets.US_ASCII);
        CardAssertion assertion = new CardAssertion(CARD_USER_ID, List.of(garbage), SignatureAlgorithm.RS256,
                new byte[256]);

        assertThatExceptionOfType(MalformedCertificateException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("invalid_card_assertion"))
                .satisfies(e -> assertThat(e.leaf()).isEmpty());
    }

    @Test
    void rejectsCertificateWithBytesAfterIt() throws Exception {
        byte[] der = RSA_LEAF.getEncoded();
        byte[] padded = Arrays.copyOf(der, der.length + 4);
        CardAssertion genuine = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, RSA_LEAF);
        CardAssertion assertion = new CardAssertion(CARD_USER_ID, List.of(padded), SignatureAlgorithm.RS256,
                genuine.signature());

        assertThatExceptionOfType(MalformedCertificateException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("invalid_card_assertion"));
    }

    @Test
    void acceptsLeafNotYetValidByLessThanTheClockSkew() throws Exception {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).validFrom(NOW.plus(Duration.ofMinutes(2))).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThat(validator.validate(assertion, ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void acceptsLeafExpiredByLessThanTheClockSkew() throws Exception {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).validUntil(NOW.minus(Duration.ofMinutes(2))).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThat(validator.validate(assertion, ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void rejectsLeafNotYetValidByMoreThanTheClockSkew() {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).validFrom(NOW.plus(SKEW).plusSeconds(60)).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateNotYetValidException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_expired"));
    }

    @Test
    void failureNamesTheLeafForTheSignInEvent() {
        X509Certificate leaf = leafFor(RSA_LEAF_KEY).validUntil(NOW.minus(ONE_DAY)).build();
        CardAssertion assertion = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, leaf);

        assertThatExceptionOfType(CertificateExpiredException.class)
                .isThrownBy(() -> validator.validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.leaf()).contains(CertificateIdentity.of(leaf)));
    }

    @Test
    void signatureFailureDetailNeverCarriesTheChallenge() {
        CardAssertion genuine = signed(SignatureAlgorithm.RS256, RSA_LEAF_KEY, RSA_LEAF);
        Challenge other = Challenge.fromText("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");

        assertThatExceptionOfType(SignatureInvalidException.class)
                .isThrownBy(() -> validator.validate(genuine, ORIGIN, other))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(other.text(), CHALLENGE.text()))
                .satisfies(e -> assertThat(e.adminDetail()).contains("serial " + RSA_LEAF.getSerialNumber()
                        .toString(16)));
    }

    @Test
    void refusesNegativeClockSkewWhenBuilt() {
        var builder = CardAssertionValidator.builder(TrustAnchors.fromPem(TestPki.pem(ROOT)));

        assertThatIllegalArgumentException().isThrownBy(() -> builder.clockSkew(Duration.ofSeconds(-1)));
    }

    @Test
    void refusesEmptyAlgorithmSetWhenBuilt() {
        var builder = CardAssertionValidator.builder(TrustAnchors.fromPem(TestPki.pem(ROOT)));

        assertThatIllegalArgumentException().isThrownBy(() -> builder.allowedAlgorithms(Set.of()));
    }

    private static CardAssertionValidator validatorTrusting(X509Certificate... anchors) {
        return CardAssertionValidator.builder(TrustAnchors.fromPem(TestPki.pem(anchors)))
                .clock(fixedClock()).clockSkew(SKEW).build();
    }

    private static Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private static TestPki.CertificateSpec leafFor(KeyPair key) {
        return certificate("CN=" + CARD_USER_ID + ",O=Staffcard Test").publicKey(key.getPublic())
                .issuedBy(ROOT, ROOT_KEY.getPrivate());
    }

    private static TestPki.CertificateSpec intermediate() {
        return certificate("CN=Staff Card Test Intermediate,O=Staffcard Test").ca()
                .publicKey(INTERMEDIATE_KEY.getPublic()).issuedBy(ROOT, ROOT_KEY.getPrivate());
    }

    private static TestPki.CertificateSpec leafUnder(X509Certificate intermediate) {
        return leafFor(RSA_LEAF_KEY).issuedBy(intermediate, INTERMEDIATE_KEY.getPrivate());
    }

    /** An assertion as an honest agent makes it, for this test's origin, challenge and card user ID. */
    private static CardAssertion signed(SignatureAlgorithm algorithm, KeyPair key, X509Certificate... chain) {
        byte[] signature = sign(algorithm, key.getPrivate(), SignedPayload.of(ORIGIN, CHALLENGE, CARD_USER_ID));
        return assertion(CARD_USER_ID, algorithm, signature, chain);
    }

    private static CardAssertion assertion(String cardUserId, SignatureAlgorithm algorithm, byte[] signature,
                                           X509Certificate... chain) {
        List<byte[]> der = Arrays.stream(chain).map(CardAssertionValidatorTest::encoded).toList();
        return new CardAssertion(cardUserId, der, algorithm, signature);
    }

    private static byte[] sign(SignatureAlgorithm algorithm, PrivateKey key, byte[] payload) {
        try {
            var signer = algorithm.newSignature();
            signer.initSign(key);
            signer.update(payload);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
