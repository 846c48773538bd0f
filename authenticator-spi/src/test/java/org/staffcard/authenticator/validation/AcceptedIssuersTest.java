package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.staffcard.authenticator.validation.TestPki.NOW;
import static org.staffcard.authenticator.validation.TestPki.RSA_LEAF_KEY;
import static org.staffcard.authenticator.validation.TestPki.certificate;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;

/**
 * Field case FC-13: a Japanese issuer name must match however the admin writes it, and a sibling CA under the same
 * trust anchor must be refused with its own error.
 */
class AcceptedIssuersTest {

    private static final String ORIGIN = "https://sso.example.lg.jp";
    private static final Challenge CHALLENGE = Challenge.fromText("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA");
    private static final String CARD_USER_ID = "S0012345";

    private static final String JAPANESE_NAME = "CN=山田太郎, O=テスト株式会社";
    private static final String HEX_ESCAPED_NAME =
            "CN=#0c0ce5b1b1e794b0e5a4aae9838e, O=#0c15e38386e382b9e38388e6a0aae5bc8fe4bc9ae7a4be";
    private static final String CANONICAL_NAME = "cn=山田太郎,o=テスト株式会社";

    private static final KeyPair CA_KEY = TestPki.rsa(2048);
    private static final X509Certificate ROOT = TestPki.root("CN=National Root,O=Staffcard Test", TestPki.ROOT_KEY);
    private static final X509Certificate STAFF_CA = subCa(JAPANESE_NAME);
    private static final X509Certificate SIBLING_CA = subCa("CN=山田太郎, O=別の株式会社");

    @Test
    void certificatesOfTheTestCarryTheJapaneseNameAsUtf8String() {
        X509Certificate leaf = leafUnder(STAFF_CA);
        X500Name issuer = X500Name.getInstance(leaf.getIssuerX500Principal().getEncoded());
        X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());

        ASN1Primitive commonName = issuer.getRDNs(BCStyle.CN)[0].getFirst().getValue().toASN1Primitive();
        assertThat(commonName).isInstanceOf(DERUTF8String.class);
        assertThat(((DERUTF8String) commonName).getString()).isEqualTo("山田太郎");
        assertThat(subject.getRDNs(BCStyle.O)[0].getFirst().getValue().toASN1Primitive())
                .isInstanceOf(DERUTF8String.class);
    }

    @Test
    void acceptsIssuerWrittenLiterally() throws Exception {
        assertThat(validatorAccepting(JAPANESE_NAME).validate(signed(leafUnder(STAFF_CA)), ORIGIN, CHALLENGE)
                .issuerDn()).isEqualTo("CN=山田太郎,O=テスト株式会社");
    }

    @Test
    void acceptsIssuerWrittenWithHexEscapedValues() throws Exception {
        X509Certificate leaf = leafUnder(STAFF_CA);

        assertThat(validatorAccepting(HEX_ESCAPED_NAME).validate(signed(leaf), ORIGIN, CHALLENGE).leaf())
                .isEqualTo(leaf);
    }

    @Test
    void acceptsIssuerWrittenInCanonicalForm() throws Exception {
        assertThat(new X500Principal(JAPANESE_NAME).getName(X500Principal.CANONICAL)).isEqualTo(CANONICAL_NAME);
        X509Certificate leaf = leafUnder(STAFF_CA);

        assertThat(validatorAccepting(CANONICAL_NAME).validate(signed(leaf), ORIGIN, CHALLENGE).leaf())
                .isEqualTo(leaf);
    }

    @Test
    void acceptsIssuerWrittenWithNumericAttributeTypes() throws Exception {
        X509Certificate leaf = leafUnder(STAFF_CA);

        assertThat(validatorAccepting("2.5.4.3=山田太郎,2.5.4.10=テスト株式会社").validate(signed(leaf), ORIGIN,
                CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void acceptsIssuerWhenItIsOneOfSeveralNames() throws Exception {
        X509Certificate leaf = leafUnder(STAFF_CA);

        assertThat(validatorAccepting("CN=Other CA, O=Elsewhere", JAPANESE_NAME)
                .validate(signed(leaf), ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void refusesSiblingCaWithAnotherOrganisation() {
        CardAssertion assertion = signed(leafUnder(SIBLING_CA));

        assertThatExceptionOfType(CardIssuerNotAcceptedException.class)
                .isThrownBy(() -> validatorAccepting(JAPANESE_NAME).validate(assertion, ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_issuer_not_accepted"))
                .satisfies(e -> assertThat(e.adminDetail())
                        .contains("issuer 'CN=山田太郎,O=別の株式会社'")
                        .contains("not among the accepted card issuers 'CN=山田太郎,O=テスト株式会社'"));
    }

    @Test
    void siblingCaIsAcceptedWhenNoIssuerIsConfigured() throws Exception {
        X509Certificate leaf = leafUnder(SIBLING_CA);

        assertThat(validatorAccepting().validate(signed(leaf), ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void refusesSettingThatIsNotADistinguishedName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AcceptedIssuers.fromNames(List.of(JAPANESE_NAME, "山田太郎")))
                .withMessageContaining("accepted card issuer 2 ('山田太郎')");
    }

    private static CardAssertionValidator validatorAccepting(String... issuers) {
        return CardAssertionValidator.builder(TrustAnchors.fromPem(TestPki.pem(ROOT)))
                .acceptedIssuers(AcceptedIssuers.fromNames(List.of(issuers)))
                .intermediates(IntermediateCertificates.fromPem(TestPki.pem(STAFF_CA, SIBLING_CA)))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static X509Certificate subCa(String name) {
        return certificate(name).ca().publicKey(CA_KEY.getPublic()).issuedBy(ROOT, TestPki.ROOT_KEY.getPrivate())
                .build();
    }

    private static X509Certificate leafUnder(X509Certificate ca) {
        return certificate(JAPANESE_NAME).publicKey(RSA_LEAF_KEY.getPublic()).issuedBy(ca, CA_KEY.getPrivate())
                .build();
    }

    private static CardAssertion signed(X509Certificate leaf) {
        try {
            var signer = SignatureAlgorithm.RS256.newSignature();
            signer.initSign(RSA_LEAF_KEY.getPrivate());
            signer.update(SignedPayload.of(ORIGIN, CHALLENGE, CARD_USER_ID));
            return new CardAssertion(CARD_USER_ID, List.of(leaf.getEncoded()), SignatureAlgorithm.RS256,
                    signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
