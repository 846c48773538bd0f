package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class DistinguishedNameComparisonTest {

    @Test
    void sameValueInBmpStringAndUtf8StringIsTheSameName() throws IOException {
        X500Principal bmp = new X500Principal(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, new DERBMPString("テスト株式会社"))
                .addRDN(BCStyle.CN, new DERBMPString("山田太郎")).build().getEncoded());
        X500Principal utf8 = new X500Principal(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, new DERUTF8String("テスト株式会社"))
                .addRDN(BCStyle.CN, new DERUTF8String("山田太郎")).build().getEncoded());

        assertThat(DistinguishedNameComparison.sameName(bmp, utf8)).isTrue();
    }

    @Test
    void halfWidthKatakanaMatchesFullWidth() {
        assertThat(DistinguishedNameComparison.sameName(new X500Principal("CN=Staff CA, O=ﾃｽﾄ株式会社"),
                new X500Principal("CN=Staff CA, O=テスト株式会社"))).isTrue();
    }

    @Test
    void caseAndRepeatedSpacesDoNotMatter() {
        assertThat(DistinguishedNameComparison.sameName(new X500Principal("CN=Staff  Card CA, O=Example"),
                new X500Principal("cn=staff card ca,o=EXAMPLE"))).isTrue();
    }

    @Test
    void anotherValueIsAnotherName() {
        assertThat(DistinguishedNameComparison.sameName(new X500Principal("CN=山田太郎, O=テスト株式会社"),
                new X500Principal("CN=山田太郎, O=別の株式会社"))).isFalse();
    }

    @Test
    void theSameValuesInAnotherOrderAreAnotherName() {
        assertThat(DistinguishedNameComparison.sameName(new X500Principal("CN=A, O=B"),
                new X500Principal("O=B, CN=A"))).isFalse();
    }

    @Test
    void anExtraRdnIsAnotherName() {
        assertThat(DistinguishedNameComparison.sameName(new X500Principal("CN=Staff CA, O=Example"),
                new X500Principal("CN=Staff CA, O=Example, C=JP"))).isFalse();
    }
}
