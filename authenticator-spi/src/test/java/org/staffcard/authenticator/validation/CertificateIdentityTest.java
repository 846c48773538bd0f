package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificateIdentityTest {

    @Test
    void describesSubjectIssuerAndSerial() {
        CertificateIdentity identity = new CertificateIdentity("CN=S0012345", "CN=Issuing CA", "1f2e");

        assertThat(identity.describe()).isEqualTo("subject 'CN=S0012345', issuer 'CN=Issuing CA', serial 1f2e");
    }

    @Test
    void descriptionCannotStartAForgedLogLine() {
        CertificateIdentity identity = new CertificateIdentity("CN=x\nINFO login ok for admin", "CN=CA\r", "1");

        assertThat(identity.describe()).doesNotContain("\n", "\r").contains("CN=x?INFO login ok for admin");
    }
}
