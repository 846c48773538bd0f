package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.staffcard.authenticator.validation.TestPki.INTERMEDIATE_KEY;
import static org.staffcard.authenticator.validation.TestPki.NOW;
import static org.staffcard.authenticator.validation.TestPki.ROOT_KEY;
import static org.staffcard.authenticator.validation.TestPki.RSA_LEAF_KEY;
import static org.staffcard.authenticator.validation.TestPki.certificate;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.junit.jupiter.api.Test;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;

/**
 * How the path from a card's certificate to a trust anchor is built and what BouncyCastle's PKIX validation of it
 * refuses: intermediates from the card or the configuration, CA basic constraints and path length, the CA's key
 * usage, name constraints, policy constraints and unknown critical extensions.
 */
class CertificatePathTest {

    private static final String ORIGIN = "https://sso.example.lg.jp";
    private static final Challenge CHALLENGE = Challenge.fromText("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA");
    private static final String CARD_USER_ID = "S0012345";
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String STAFF_POLICY = "1.2.392.200149.8.5.5.1";

    private static final X509Certificate ROOT = TestPki.root("CN=Path Test Root,O=Staffcard Test", ROOT_KEY);
    private static final KeyPair SECOND_KEY = TestPki.rsa(2048);

    @Test
    void acceptsLeafWhoseIntermediateTheConfigurationNames() throws Exception {
        X509Certificate intermediate = intermediate().build();
        X509Certificate leaf = leafUnder(intermediate, INTERMEDIATE_KEY).build();

        ValidatedCard card = validator(IntermediateCertificates.fromPem(TestPki.pem(intermediate)))
                .validate(signed(leaf), ORIGIN, CHALLENGE);

        assertThat(card.issuerDn()).isEqualTo("CN=Path Test Intermediate,O=Staffcard Test");
    }

    @Test
    void rejectsLeafWhoseIntermediateNeitherCardNorConfigurationSupplies() {
        X509Certificate intermediate = intermediate().build();
        X509Certificate leaf = leafUnder(intermediate, INTERMEDIATE_KEY).build();

        assertThatExceptionOfType(CertificateUntrustedException.class)
                .isThrownBy(() -> validator().validate(signed(leaf), ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.adminDetail())
                        .contains("the issuer 'CN=Path Test Intermediate,O=Staffcard Test' of leaf certificate"));
    }

    @Test
    void acceptsIntermediatesSentInAnyOrder() throws Exception {
        X509Certificate upper = intermediate().build();
        X509Certificate lower = certificate("CN=Path Test Issuing CA,O=Staffcard Test").ca()
                .publicKey(SECOND_KEY.getPublic()).issuedBy(upper, INTERMEDIATE_KEY.getPrivate()).build();
        X509Certificate leaf = leafUnder(lower, SECOND_KEY).build();

        ValidatedCard card = validator().validate(signed(leaf, upper, lower), ORIGIN, CHALLENGE);

        assertThat(card.issuerDn()).isEqualTo("CN=Path Test Issuing CA,O=Staffcard Test");
    }

    @Test
    void rejectsIntermediateThatIsNotACa() {
        X509Certificate notCa = certificate("CN=Path Test Intermediate,O=Staffcard Test")
                .keyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature, true)
                .publicKey(INTERMEDIATE_KEY.getPublic()).issuedBy(ROOT, ROOT_KEY.getPrivate()).build();
        X509Certificate leaf = leafUnder(notCa, INTERMEDIATE_KEY).build();

        assertThatExceptionOfType(CertificateUntrustedException.class)
                .isThrownBy(() -> validator().validate(signed(leaf, notCa), ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.adminDetail()).contains("PKIX refused intermediate certificate"));
    }

    @Test
    void rejectsPathLongerThanTheCaPathLengthAllows() {
        X509Certificate upper = intermediate().pathLength(0).build();
        X509Certificate lower = certificate("CN=Path Test Issuing CA,O=Staffcard Test").ca()
                .publicKey(SECOND_KEY.getPublic()).issuedBy(upper, INTERMEDIATE_KEY.getPrivate()).build();
        X509Certificate leaf = leafUnder(lower, SECOND_KEY).build();

        assertThatExceptionOfType(CertificateUntrustedException.class)
                .isThrownBy(() -> validator().validate(signed(leaf, lower, upper), ORIGIN, CHALLENGE));
    }

    @Test
    void rejectsIntermediateWithoutKeyCertSign() {
        X509Certificate intermediate = intermediate().keyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign, true)
                .build();
        X509Certificate leaf = leafUnder(intermediate, INTERMEDIATE_KEY).build();

        assertThatExceptionOfType(CertificateUntrustedException.class)
                .isThrownBy(() -> validator().validate(signed(leaf, intermediate), ORIGIN, CHALLENGE));
    }

    @Test
    void acceptsLeafInsideTheNameConstraintsOfItsCa() throws Exception {
        X509Certificate intermediate = intermediate().extension(Extension.nameConstraints, true,
                permittedDirectory("O=Staffcard Test")).build();
        X509Certificate leaf = leafUnder(intermediate, INTERMEDIATE_KEY).build();

        assertThat(validator().validate(signed(leaf, intermediate), ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void rejectsLeafOutsideTheNameConstraintsOfItsCa() {
        X509Certificate intermediate = intermediate().extension(Extension.nameConstraints, true,
                permittedDirectory("O=Another Office")).build();
        X509Certificate leaf = leafUnder(intermediate, INTERMEDIATE_KEY).build();

        assertThatExceptionOfType(CertificateUntrustedException.class)
                .isThrownBy(() -> validator().validate(signed(leaf, intermediate), ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.adminDetail()).containsIgnoringCase("subtree"));
    }

    @Test
    void acceptsLeafWithAPolicyWhenItsCaRequiresExplicitPolicy() throws Exception {
        X509Certificate intermediate = explicitPolicyIntermediate();
        X509Certificate leaf = leafUnder(intermediate, INTERMEDIATE_KEY)
                .extension(Extension.certificatePolicies, false, policies(STAFF_POLICY)).build();

        assertThat(validator().validate(signed(leaf, intermediate), ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void rejectsLeafWithoutPolicyWhenItsCaRequiresExplicitPolicy() {
        X509Certificate intermediate = explicitPolicyIntermediate();
        X509Certificate leaf = leafUnder(intermediate, INTERMEDIATE_KEY).build();

        assertThatExceptionOfType(CertificateUntrustedException.class)
                .isThrownBy(() -> validator().validate(signed(leaf, intermediate), ORIGIN, CHALLENGE));
    }

    @Test
    void rejectsLeafWithAnUnknownCriticalExtension() {
        X509Certificate leaf = leafUnder(ROOT, ROOT_KEY)
                .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, new DERUTF8String("must know"))
                .build();

        assertThatExceptionOfType(CertificateUntrustedException.class)
                .isThrownBy(() -> validator().validate(signed(leaf), ORIGIN, CHALLENGE));
    }

    @Test
    void acceptsIntermediateExpiredByLessThanTheClockSkew() throws Exception {
        X509Certificate intermediate = intermediate().validUntil(NOW.minusSeconds(60)).build();
        X509Certificate leaf = leafUnder(intermediate, INTERMEDIATE_KEY).build();

        assertThat(validator().validate(signed(leaf, intermediate), ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void choosesTheRenewedCaWhoseKeySignedTheLeafAmongCasOfTheSameName() throws Exception {
        X509Certificate oldCa = intermediate().serial(BigInteger.valueOf(0x51)).build();
        X509Certificate renewedCa = certificate("CN=Path Test Intermediate,O=Staffcard Test").ca()
                .publicKey(SECOND_KEY.getPublic()).issuedBy(ROOT, ROOT_KEY.getPrivate()).build();
        X509Certificate leaf = leafUnder(renewedCa, SECOND_KEY).build();

        ValidatedCard card = validator(IntermediateCertificates.fromPem(TestPki.pem(oldCa, renewedCa)))
                .validate(signed(leaf), ORIGIN, CHALLENGE);

        assertThat(card.leaf()).isEqualTo(leaf);
    }

    private static X509Certificate explicitPolicyIntermediate() {
        PolicyConstraints requireExplicit = new PolicyConstraints(BigInteger.ZERO, null);
        return intermediate()
                .extension(Extension.certificatePolicies, false, policies("2.5.29.32.0"))
                .extension(Extension.policyConstraints, true, requireExplicit).build();
    }

    private static CertificatePolicies policies(String oid) {
        return new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(oid)));
    }

    private static NameConstraints permittedDirectory(String name) {
        GeneralSubtree subtree = new GeneralSubtree(new GeneralName(new X500Name(name)));
        return new NameConstraints(new GeneralSubtree[] {subtree}, null);
    }

    private static CardAssertionValidator validator() {
        return validator(IntermediateCertificates.NONE);
    }

    private static CardAssertionValidator validator(IntermediateCertificates intermediates) {
        return CardAssertionValidator.builder(TrustAnchors.fromPem(TestPki.pem(ROOT)))
                .intermediates(intermediates).clock(Clock.fixed(NOW, ZoneOffset.UTC)).clockSkew(SKEW).build();
    }

    private static TestPki.CertificateSpec intermediate() {
        return certificate("CN=Path Test Intermediate,O=Staffcard Test").ca()
                .publicKey(INTERMEDIATE_KEY.getPublic()).issuedBy(ROOT, ROOT_KEY.getPrivate());
    }

    private static TestPki.CertificateSpec leafUnder(X509Certificate issuer, KeyPair issuerKey) {
        return certificate("CN=" + CARD_USER_ID + ",O=Staffcard Test").publicKey(RSA_LEAF_KEY.getPublic())
                .issuedBy(issuer, issuerKey.getPrivate());
    }

    private static CardAssertion signed(X509Certificate... chain) {
        try {
            var signer = SignatureAlgorithm.RS256.newSignature();
            signer.initSign(RSA_LEAF_KEY.getPrivate());
            signer.update(SignedPayload.of(ORIGIN, CHALLENGE, CARD_USER_ID));
            List<byte[]> der = Arrays.stream(chain).map(CertificatePathTest::encoded).toList();
            return new CardAssertion(CARD_USER_ID, der, SignatureAlgorithm.RS256, signer.sign());
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
