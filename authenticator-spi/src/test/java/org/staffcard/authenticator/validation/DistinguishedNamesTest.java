package org.staffcard.authenticator.validation;

import org.junit.jupiter.api.Test;

import javax.security.auth.x500.X500Principal;

import static org.assertj.core.api.Assertions.assertThat;

class DistinguishedNamesTest {

    @Test
    void namesTheSerialNumberAttributeOfNamelessCardCertificates() {
        X500Principal jpkiLike = new X500Principal("SERIALNUMBER=DEMO-0001, O=Demo Prefecture, C=JP");

        assertThat(DistinguishedNames.readable(jpkiLike)).isEqualTo("SERIALNUMBER=DEMO-0001,O=Demo Prefecture,C=JP");
    }

    @Test
    void keepsJapaneseCharactersReadable() {
        X500Principal japanese = new X500Principal("CN=山田太郎, O=テスト株式会社");

        assertThat(DistinguishedNames.readable(japanese)).isEqualTo("CN=山田太郎,O=テスト株式会社");
    }
}
