package org.staffcard.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.staffcard.authenticator.validation.CardAssertionValidator;

/**
 * A setting that cannot be used gives no validator, so card sign-in fails closed instead of running with a default
 * the admin did not choose. The realm is a JDK proxy that answers only its name, the one thing the validators read
 * from it (for their warnings); any other call fails the test.
 */
class CardValidatorsTest {

    private static final String TRUST_ANCHOR_PEM = pem(issuingCa());

    private final CardValidators validators = new CardValidators(Clock.systemUTC());
    private final RealmModel realm = realmNamed("staff");

    @TempDir
    Path directory;

    @Test
    void usableSettingGivesAValidator() {
        assertThat(validators.forConfig(config(usable()), realm)).isPresent();
    }

    @Test
    void sameSettingGivesTheSameValidatorAgain() {
        Optional<CardAssertionValidator> first = validators.forConfig(config(usable()), realm);

        Optional<CardAssertionValidator> second = validators.forConfig(config(usable()), realm);

        assertThat(second.orElseThrow()).isSameAs(first.orElseThrow());
    }

    @Test
    void refusesASettingWithoutTrustAnchors() {
        assertThat(validators.forConfig(config(usableWith(CardAuthenticatorConfig.TRUST_ANCHORS, "")), realm))
                .isEmpty();
    }

    @Test
    void refusesTrustAnchorsThatAreNotCertificates() {
        String garbage = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

        assertThat(validators.forConfig(config(usableWith(CardAuthenticatorConfig.TRUST_ANCHORS, garbage)), realm))
                .isEmpty();
    }

    @Test
    void refusesATrustAnchorsFileThatCannotBeRead() {
        String missing = directory.resolve("missing-anchors.pem").toString();

        assertThat(validators.forConfig(config(usableWith(CardAuthenticatorConfig.TRUST_ANCHORS_FILE, missing)),
                realm)).isEmpty();
    }

    @Test
    void refusesAnAlgorithmListThatAllowsNothing() {
        assertThat(validators.forConfig(config(usableWith(CardAuthenticatorConfig.ALLOWED_ALGORITHMS, "HS256")),
                realm)).isEmpty();
    }

    @Test
    void refusesARevocationSettingThatCannotBeRead() {
        Map<String, String> values = usableWith(CardAuthenticatorConfig.REVOCATION, "crl");
        values.put(CardAuthenticatorConfig.CRL_LOCATIONS, "/etc/staffcard/ca.crl");
        values.put(CardAuthenticatorConfig.REVOCATION_READ_TIMEOUT_MS, "3 seconds");

        assertThat(validators.forConfig(config(values), realm)).isEmpty();
    }

    @Test
    void refusesARevocationPolicyItDoesNotKnow() {
        assertThat(validators.forConfig(config(usableWith(CardAuthenticatorConfig.REVOCATION, "crl-only")), realm))
                .isEmpty();
    }

    @Test
    void refusesACertificatePolicyThatIsNotAnOid() {
        assertThat(validators.forConfig(config(usableWith(CardAuthenticatorConfig.ALLOWED_POLICIES,
                "1.2.392.200149.8.5.5.1, staff-card")), realm)).isEmpty();
    }

    @Test
    void refusesAPolicyThatIsBothAllowedAndDenied() {
        Map<String, String> values = usableWith(CardAuthenticatorConfig.ALLOWED_POLICIES, "1.2.392.200149.8.5.5.1");
        values.put(CardAuthenticatorConfig.DENIED_POLICIES, "1.2.392.200149.8.5.5.1");

        assertThat(validators.forConfig(config(values), realm)).isEmpty();
    }

    @Test
    void refusesARequiredExtendedKeyUsageThatIsNotAnOid() {
        assertThat(validators.forConfig(config(usableWith(CardAuthenticatorConfig.REQUIRED_EXTENDED_KEY_USAGE,
                "smartcardLogon")), realm)).isEmpty();
    }

    @Test
    void fixingARefusedSettingGivesAValidator() {
        CardAuthenticatorConfig broken = config(usableWith(CardAuthenticatorConfig.REQUIRED_EXTENDED_KEY_USAGE,
                "smartcardLogon"));
        CardAuthenticatorConfig fixed = config(usableWith(CardAuthenticatorConfig.REQUIRED_EXTENDED_KEY_USAGE,
                "1.3.6.1.4.1.311.20.2.2"));

        assertThat(validators.forConfig(broken, realm)).isEmpty();
        assertThat(validators.forConfig(fixed, realm)).isPresent();
    }

    private static Map<String, String> usable() {
        Map<String, String> values = new HashMap<>();
        values.put(CardAuthenticatorConfig.TRUST_ANCHORS, TRUST_ANCHOR_PEM);
        values.put(CardAuthenticatorConfig.ALLOWED_ALGORITHMS, "RS256,ES256");
        values.put(CardAuthenticatorConfig.REVOCATION, "none");
        return values;
    }

    private static Map<String, String> usableWith(String key, String value) {
        Map<String, String> values = usable();
        values.put(key, value);
        return values;
    }

    private static CardAuthenticatorConfig config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setAlias("staff card");
        model.setConfig(values);
        return CardAuthenticatorConfig.of(model);
    }

    private static RealmModel realmNamed(String name) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(),
                new Class<?>[] {RealmModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "toString" -> "realm " + name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("the validators read " + method.getName()
                            + " of the realm");
                });
    }

    private static X509Certificate issuingCa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Staff Card Settings Test CA,O=Staffcard Test");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                    key.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
