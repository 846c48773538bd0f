package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginDisplayTest {

    @Test
    void anOrdinaryAsciiOriginHasNoWarning() {
        OriginDisplay display = OriginDisplay.of("https://sso.example.lg.jp");

        assertThat(display.host()).isEqualTo("sso.example.lg.jp");
        assertThat(display.warnings()).isEmpty();
    }

    @Test
    void aPortAndDigitsAndHyphensDoNotCountAsAnotherScript() {
        assertThat(OriginDisplay.of("http://sso-2.example.lg.jp:8443").warnings()).isEmpty();
    }

    @Test
    void anEncodedInternationalNameIsNamedAndShownDecoded() {
        // "xn--80ak6aa92e.com" is "аррӏе.com" written in Cyrillic letters that look like "apple".
        OriginDisplay display = OriginDisplay.of("https://xn--80ak6aa92e.com");

        assertThat(display.readableHost()).isEqualTo("аррӏе.com");
        assertThat(display.warnings()).anySatisfy(w -> assertThat(w).contains("xn--").contains("аррӏе.com"));
    }

    @Test
    void latinMixedWithCyrillicInOneLabelIsWarned() {
        // The second letter is CYRILLIC SMALL LETTER A.
        OriginDisplay display = OriginDisplay.of("https://p\u0430ypal.example");

        assertThat(display.warnings()).anySatisfy(w -> assertThat(w).contains("cyrillic").contains("latin"));
    }

    @Test
    void encodedLatinCyrillicMixIsWarnedTwice() {
        String encoded = "https://" + java.net.IDN.toASCII("p\u0430ypal.example");

        assertThat(OriginDisplay.of(encoded).warnings()).hasSize(2);
    }

    @Test
    void japaneseKanjiKanaAndLatinTogetherAreNotAMix() {
        assertThat(OriginDisplay.of("https://" + java.net.IDN.toASCII("東京とうきょうトウキョウabc.jp")).warnings())
                .noneSatisfy(w -> assertThat(w).contains("mixes"));
    }

    @Test
    void fullWidthLettersAreWarnedAsLookAlikes() {
        OriginDisplay display = OriginDisplay.of("https://ｅｘａｍｐｌｅ.jp");

        assertThat(display.warnings()).anySatisfy(w -> assertThat(w).contains("look-alike").contains("example.jp"));
    }

    @Test
    void somethingThatIsNoWebAddressIsWarned() {
        assertThat(OriginDisplay.of("not a url").warnings()).isNotEmpty();
    }
}
