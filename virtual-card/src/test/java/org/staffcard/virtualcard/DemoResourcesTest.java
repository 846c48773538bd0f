package org.staffcard.virtualcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DemoResourcesTest {

    @Test
    void privateKeyMatchesTheCertificate() throws Exception {
        byte[] data = "demo".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(DemoCard.profile().privateKey());
        signer.update(data);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(DemoCard.certificate().getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void caSignedTheCardCertificate() throws Exception {
        X509Certificate card = DemoCard.certificate();
        X509Certificate ca = DemoCard.caCertificate();

        card.verify(ca.getPublicKey());

        assertThat(card.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    }

    @Test
    void spkiHashInThePropertiesIsTheCertificatesKey() {
        assertThat(DemoCard.certificateSpkiSha256()).isEqualTo(SpkiFingerprint.sha256Hex(DemoCard.certificate()))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void cardCertificateNamesTheCardNotAPerson() {
        String subject = DemoCard.certificate().getSubjectX500Principal().toString();

        assertThat(subject).isEqualTo("SERIALNUMBER=DEMO-0001, O=Demo Prefecture, C=JP");
    }

    @Test
    void cardCertificateIsForDigitalSignatureOnlyAndValidFor2026To2031() {
        X509Certificate card = DemoCard.certificate();

        assertThat(card.getKeyUsage()).startsWith(true, false, false, false, false, false);
        assertThat(card.getCriticalExtensionOIDs()).contains("2.5.29.15");
        assertThat(card.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(card.getNotAfter().toInstant()).isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
        assertThat(((RSAPublicKey) card.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void caIsACertificateAuthorityValidFor2026To2036() {
        X509Certificate ca = DemoCard.caCertificate();

        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(ca.getSubjectX500Principal().getName())
                .isEqualTo("CN=Staff Card Demo CA,O=Demo Prefecture,C=JP");
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-01-01T00:00:00Z"));
    }

    @Test
    void propertiesHoldTheDemoCardUserIdPinAndFreeArea() {
        assertThat(DemoCard.cardUserId()).isEqualTo("S0012345");
        assertThat(DemoCard.profile().pin()).isEqualTo("1234");
        assertThat(DemoCard.profile().freeArea()).contains(new FreeAreaLocation(
                HexFormat.of().parseHex("F053544146464944"), 0x0001));
    }

    @Test
    void everyDemoFileCarriesTheWarning() throws IOException {
        for (String resource : new String[] {DemoCard.CA_CERTIFICATE_RESOURCE, DemoCard.CARD_CERTIFICATE_RESOURCE,
                DemoCard.CARD_KEY_RESOURCE, DemoCard.CARD_PROPERTIES_RESOURCE}) {
            try (InputStream in = DemoCard.class.getResourceAsStream(resource)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                        .as(resource).startsWith("# DEMO ONLY - never trust this CA in production");
            }
        }
    }

    @Test
    void demoCardAnswersWithTheDemoCertificate() throws Exception {
        byte[] read = VirtualJpkiCardTest.readWholeFile(DemoCard.newCard(), "000A", 200);

        assertThat(read).isEqualTo(DemoCard.certificate().getEncoded());
    }
}
