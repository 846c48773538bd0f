package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.staffcard.authenticator.validation.TestPki.ROOT_KEY;
import static org.staffcard.authenticator.validation.TestPki.RSA_LEAF_KEY;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class TrustAnchorsTest {

    private static final X509Certificate ROOT = TestPki.root("CN=Anchor Test Root,O=Staffcard Test", ROOT_KEY);

    @Test
    void readsEveryCertificateBlockInOrder() {
        KeyPair secondKey = TestPki.ec("secp256r1");
        X509Certificate second = TestPki.root("CN=Second Root,O=Staffcard Test", secondKey);

        TrustAnchors anchors = TrustAnchors.fromPem(TestPki.pem(ROOT, second));

        assertThat(anchors.certificates()).containsExactly(ROOT, second);
    }

    @Test
    void ignoresTextAroundTheBlocks() {
        String pem = "subject=CN=Anchor Test Root\nissuer=CN=Anchor Test Root\n" + TestPki.pem(ROOT) + "\n# end\n";

        assertThat(TrustAnchors.fromPem(pem).certificates()).containsExactly(ROOT);
    }

    @Test
    void keepsOneCopyOfARepeatedCertificate() {
        assertThat(TrustAnchors.fromPem(TestPki.pem(ROOT, ROOT)).size()).isEqualTo(1);
    }

    @Test
    void refusesUnparsablePem() {
        String pem = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

        assertThatIllegalArgumentException().isThrownBy(() -> TrustAnchors.fromPem(pem))
                .withMessageContaining("cannot be read as X.509");
    }

    @Test
    void refusesBlockWithoutEndLine() {
        String truncated = TestPki.pem(ROOT).replace("-----END CERTIFICATE-----", "");

        assertThatIllegalArgumentException().isThrownBy(() -> TrustAnchors.fromPem(truncated))
                .withMessageContaining("without its -----END CERTIFICATE----- line");
    }

    @Test
    void refusesEmptyText() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrustAnchors.fromPem("  \n"))
                .withMessageContaining("empty");
    }

    @Test
    void refusesTextWithoutCertificateBlock() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrustAnchors.fromPem("our issuing CA"))
                .withMessageContaining("no -----BEGIN CERTIFICATE----- block");
    }

    @Test
    void refusesPrivateKeyBlock() {
        String pem = TestPki.pem(ROOT) + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";

        assertThatIllegalArgumentException().isThrownBy(() -> TrustAnchors.fromPem(pem))
                .withMessageContaining("'PRIVATE KEY' block");
    }

    @Test
    void refusesNonCaCertificate() {
        X509Certificate leaf = TestPki.certificate("CN=S0012345,O=Staffcard Test").publicKey(RSA_LEAF_KEY.getPublic())
                .issuedBy(ROOT, ROOT_KEY.getPrivate()).build();

        assertThatIllegalArgumentException().isThrownBy(() -> TrustAnchors.fromPem(TestPki.pem(ROOT, leaf)))
                .withMessageContaining("trust anchor certificate 2")
                .withMessageContaining("subject 'CN=S0012345,O=Staffcard Test'")
                .withMessageContaining("is not a CA certificate");
    }

    @Test
    void refusesCaWhoseKeyUsageLacksKeyCertSign() {
        X509Certificate ca = TestPki.certificate("CN=Odd CA,O=Staffcard Test").ca()
                .keyUsage(KeyUsage.digitalSignature, true).publicKey(ROOT_KEY.getPublic())
                .selfSigned(ROOT_KEY.getPrivate()).build();

        assertThatIllegalArgumentException().isThrownBy(() -> TrustAnchors.fromPem(TestPki.pem(ca)))
                .withMessageContaining("lacks keyCertSign");
    }
}
