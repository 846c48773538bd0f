package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staffcard.authenticator.validation.TestPki.ROOT_KEY;
import static org.staffcard.authenticator.validation.TestPki.RSA_LEAF_KEY;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

class ValidatedCardTest {

    private static final X509Certificate ROOT = TestPki.root("CN=Card Test Root,O=Staffcard Test,C=JP", ROOT_KEY);

    @Test
    void spkiSha256HexIsLowercaseHexOfTheLeafKeyEncoding() throws Exception {
        X509Certificate leaf = leaf().build();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(RSA_LEAF_KEY.getPublic().getEncoded());

        String fingerprint = new ValidatedCard("S0012345", leaf).spkiSha256Hex();

        assertThat(fingerprint).isEqualTo(String.format("%064x", new BigInteger(1, digest)));
    }

    @Test
    void serialHexIsLowercaseWithoutLeadingZeros() {
        X509Certificate leaf = leaf().serial(new BigInteger("00ABCDEF0123", 16)).build();

        assertThat(new ValidatedCard("S0012345", leaf).serialHex()).isEqualTo("abcdef0123");
    }

    @Test
    void issuerDnIsInRfc2253Form() {
        X509Certificate leaf = leaf().build();

        assertThat(new ValidatedCard("S0012345", leaf).issuerDn()).isEqualTo("CN=Card Test Root,O=Staffcard Test,C=JP");
    }

    @Test
    void sameKeyInRenewedCertificateHasSameFingerprint() {
        X509Certificate first = leaf().build();
        X509Certificate renewed = leaf().build();

        assertThat(SpkiFingerprint.sha256Hex(renewed)).isEqualTo(SpkiFingerprint.sha256Hex(first));
    }

    private static TestPki.CertificateSpec leaf() {
        return TestPki.certificate("CN=S0012345,O=Staffcard Test").publicKey(RSA_LEAF_KEY.getPublic())
                .issuedBy(ROOT, ROOT_KEY.getPrivate());
    }
}
