package org.staffcard.authenticator.validation;

import static org.staffcard.authenticator.validation.TestPki.NOW;
import static org.staffcard.authenticator.validation.TestPki.ROOT_KEY;
import static org.staffcard.authenticator.validation.TestPki.RSA_LEAF_KEY;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;

/**
 * Cards whose certificates differ only in their certificate policies and extended key usage, otherwise valid under
 * {@link #ROOT}, and validators that trust that root with a policy rule or a required extended key usage.
 */
final class CardPurposeFixture {

    static final String ORIGIN = "https://sso.example.lg.jp";
    static final Challenge CHALLENGE = Challenge.fromText("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA");
    static final String CARD_USER_ID = "S0012345";

    static final X509Certificate ROOT = TestPki.root("CN=Card Purpose Test Root,O=Staffcard Test", ROOT_KEY);

    private static final AtomicLong SERIALS = new AtomicLong(0x7000);

    private CardPurposeFixture() {
    }

    static CardAssertionValidator.Builder validator() {
        return CardAssertionValidator.builder(TrustAnchors.fromPem(TestPki.pem(ROOT)))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** An RS256 assertion signed for this fixture's origin and challenge, by a card with the given certificate. */
    static CardAssertion assertionWith(X509Certificate leaf) {
        try {
            Signature signer = SignatureAlgorithm.RS256.newSignature();
            signer.initSign(RSA_LEAF_KEY.getPrivate());
            signer.update(SignedPayload.of(ORIGIN, CHALLENGE, CARD_USER_ID));
            return new CardAssertion(CARD_USER_ID, List.of(leaf.getEncoded()), SignatureAlgorithm.RS256,
                    signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A card certificate carrying exactly these certificate policy OIDs; none at all gives no extension. */
    static X509Certificate leafWithPolicies(String... policyOids) {
        PolicyInformation[] policies = Arrays.stream(policyOids)
                .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid)))
                .toArray(PolicyInformation[]::new);
        return leaf(policies.length == 0 ? null : new CertificatePolicies(policies), null);
    }

    /** A card certificate stating exactly these extended key usages; none at all gives no extension. */
    static X509Certificate leafWithExtendedKeyUsages(String... purposeOids) {
        KeyPurposeId[] purposes = Arrays.stream(purposeOids)
                .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                .toArray(KeyPurposeId[]::new);
        return leaf(null, purposes.length == 0 ? null : new ExtendedKeyUsage(purposes));
    }

    private static X509Certificate leaf(CertificatePolicies policies, ExtendedKeyUsage purposes) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(ROOT.getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(SERIALS.getAndIncrement()), Date.from(NOW.minusSeconds(86_400)),
                    Date.from(NOW.plusSeconds(365L * 86_400)),
                    X500Name.getInstance(new X500Principal("CN=" + CARD_USER_ID + ",O=Staffcard Test").getEncoded()),
                    RSA_LEAF_KEY.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (policies != null) {
                builder.addExtension(Extension.certificatePolicies, false, policies);
            }
            if (purposes != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, purposes);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ROOT_KEY.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
