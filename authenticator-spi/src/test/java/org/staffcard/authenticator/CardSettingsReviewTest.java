package org.staffcard.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;
import org.staffcard.authenticator.CardSettingsReview.Finding;
import org.staffcard.authenticator.CardSettingsReview.Level;

/** The start-up review names each bad setting by its key, says whether sign-in fails, and what to change. */
class CardSettingsReviewTest {

    private static final String ANCHOR_PEM = caPem();

    @Test
    void soundOcspSettingsGiveNoFinding() {
        assertThat(review(sound())).isEmpty();
    }

    @Test
    void revocationNoneIsWarnedAtEveryReview() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.REVOCATION, "none");

        assertThat(review(values)).singleElement().satisfies(finding -> {
            assertThat(finding.level()).isEqualTo(Level.WARN);
            assertThat(finding.key()).isEqualTo("staffcard.revocation");
            assertThat(finding.problem()).contains("is 'none'");
        });
    }

    @Test
    void missingTrustAnchorsAreAnError() {
        Map<String, String> values = sound();
        values.remove(CardAuthenticatorConfig.TRUST_ANCHORS);

        assertThat(review(values)).singleElement()
                .satisfies(finding -> assertThat(finding.key()).isEqualTo("staffcard.trustAnchorsPem"))
                .satisfies(finding -> assertThat(finding.level()).isEqualTo(Level.ERROR));
    }

    @Test
    void trustAnchorsWithAPrivateKeyBlockAreAnError() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.TRUST_ANCHORS, ANCHOR_PEM
                + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThat(review(values)).singleElement().satisfies(finding -> {
            assertThat(finding.key()).isEqualTo("staffcard.trustAnchorsPem");
            assertThat(finding.problem()).contains("'PRIVATE KEY' block");
        });
    }

    @Test
    void missingTrustAnchorsFileIsAnErrorOnTheFileSetting() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.TRUST_ANCHORS_FILE, "/nonexistent/anchors.pem");

        assertThat(review(values)).singleElement()
                .satisfies(finding -> assertThat(finding.key()).isEqualTo("staffcard.trustAnchorsFile"));
    }

    @Test
    void unknownRevocationPolicyIsAnError() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.REVOCATION, "ocps");

        assertThat(review(values)).singleElement().satisfies(finding -> {
            assertThat(finding.level()).isEqualTo(Level.ERROR);
            assertThat(finding.key()).isEqualTo("staffcard.revocation");
            assertThat(finding.fix()).contains("ocsp-then-crl");
        });
    }

    @Test
    void crlPolicyWithoutAnySourceIsAnError() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.REVOCATION, "crl");

        assertThat(review(values)).singleElement()
                .satisfies(finding -> assertThat(finding.problem()).contains("needs at least one CRL location"));
    }

    @Test
    void crlPolicyReadingDistributionPointsIsSound() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.REVOCATION, "crl");
        values.put(CardAuthenticatorConfig.CRL_DISTRIBUTION_POINTS, "true");

        assertThat(review(values)).isEmpty();
    }

    @Test
    void ldapResponderAddressIsAnErrorOnItsSetting() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.OCSP_RESPONDER_URL, "ldap://ocsp.example.jp/");

        assertThat(review(values)).singleElement()
                .satisfies(finding -> assertThat(finding.key()).isEqualTo("staffcard.ocspResponderUrl"));
    }

    @Test
    void timeoutThatIsNoNumberIsAnErrorOnItsSetting() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.REVOCATION_READ_TIMEOUT_MS, "3s");

        assertThat(review(values)).singleElement()
                .satisfies(finding -> assertThat(finding.key()).isEqualTo("staffcard.revocationReadTimeoutMillis"));
    }

    @Test
    void acceptedIssuerThatIsNoDistinguishedNameIsAnError() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.ACCEPTED_ISSUERS, "CN=山田太郎, O=テスト株式会社##テスト株式会社");

        assertThat(review(values)).singleElement().satisfies(finding -> {
            assertThat(finding.key()).isEqualTo("staffcard.acceptedCardIssuers");
            assertThat(finding.problem()).contains("accepted card issuer 2 ('テスト株式会社')");
        });
    }

    @Test
    void unknownAlgorithmNamesAreWarnedAndNoKnownNameIsAnError() {
        Map<String, String> some = sound();
        some.put(CardAuthenticatorConfig.ALLOWED_ALGORITHMS, "RS256, HS256");
        Map<String, String> none = sound();
        none.put(CardAuthenticatorConfig.ALLOWED_ALGORITHMS, "HS256");

        assertThat(review(some)).singleElement().satisfies(f -> assertThat(f.level()).isEqualTo(Level.WARN));
        assertThat(review(none)).singleElement().satisfies(f -> assertThat(f.level()).isEqualTo(Level.ERROR));
    }

    @Test
    void clockSkewAboveOneHourIsAnError() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.CLOCK_SKEW_SECONDS, "7200");

        assertThat(review(values)).singleElement()
                .satisfies(f -> assertThat(f.key()).isEqualTo("staffcard.clockSkewSeconds"))
                .satisfies(f -> assertThat(f.level()).isEqualTo(Level.ERROR));
    }

    @Test
    void policyListWithSomethingThatIsNoOidIsAnError() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.ALLOWED_POLICIES, "1.2.3, staff-card");

        assertThat(review(values)).singleElement()
                .satisfies(f -> assertThat(f.key()).isEqualTo("staffcard.allowedCertificatePolicies"));
    }

    @Test
    void logLineNamesRealmAliasKeyAndFixInJapaneseIntact() {
        Map<String, String> values = sound();
        values.put(CardAuthenticatorConfig.REVOCATION, "none");
        AuthenticatorConfigModel model = model(values);
        model.setAlias("職員カード設定");
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(StartupSettingsReport.class.getName());
        logger.addHandler(capture);
        try {
            StartupSettingsReport.report("職員", CardAuthenticatorConfig.of(model));
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel().getName()).isEqualTo("WARN");
            assertThat(record.getMessage()).isEqualTo("Card sign-in settings in realm '職員', authenticator config "
                    + "'職員カード設定': setting 'staffcard.revocation' is 'none': revocation is not checked, and a "
                    + "lost or withdrawn card keeps working until its certificate expires. To fix: choose ocsp, crl "
                    + "or ocsp-then-crl.");
        });
    }

    private static List<Finding> review(Map<String, String> values) {
        return CardSettingsReview.review(CardAuthenticatorConfig.of(model(values)));
    }

    private static AuthenticatorConfigModel model(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setAlias("staff card settings");
        model.setConfig(values);
        return model;
    }

    private static Map<String, String> sound() {
        Map<String, String> values = new HashMap<>();
        values.put(CardAuthenticatorConfig.TRUST_ANCHORS, ANCHOR_PEM);
        values.put(CardAuthenticatorConfig.REVOCATION, "ocsp");
        values.put(CardAuthenticatorConfig.OCSP_RESPONDER_URL, "http://127.0.0.1:8888/ocsp");
        return values;
    }

    private static String caPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Settings Review Test CA,O=Staffcard Test");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                    key.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            byte[] der = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))).getEncoded();
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
