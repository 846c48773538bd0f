package org.staffcard.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardAssertionCodecTest {

    private static final CardAssertion ASSERTION = new CardAssertion("S0012345", List.of(new byte[]{0x30, 0x03}),
            SignatureAlgorithm.RS256, new byte[]{1, 2, 3});

    @Test
    void readsWhatItWrites() throws Exception {
        CardAssertion read = CardAssertionCodec.read(CardAssertionCodec.write(ASSERTION));

        assertThat(read.cardUserId()).isEqualTo("S0012345");
        assertThat(read.leafCertificate()).isEqualTo(new byte[]{0x30, 0x03});
        assertThat(read.algorithm()).isEqualTo(SignatureAlgorithm.RS256);
        assertThat(read.signature()).isEqualTo(new byte[]{1, 2, 3});
    }

    @Test
    void refusesOversizedAssertionBeforeParsing() {
        String huge = "{\"cardUserId\":\"" + "A".repeat(ProtocolLimits.MAX_ASSERTION_CHARS) + "\"}";

        assertThatThrownBy(() -> CardAssertionCodec.read(huge)).isInstanceOf(MalformedAssertionException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void refusesUnknownField() {
        String text = CardAssertionCodec.write(ASSERTION).replace("{", "{\"origin\":\"https://evil.example\",");

        assertThatThrownBy(() -> CardAssertionCodec.read(text)).isInstanceOf(MalformedAssertionException.class)
                .hasMessageContaining("unknown field");
    }

    @Test
    void refusesAlgorithmOffTheAllowList() {
        String text = CardAssertionCodec.write(ASSERTION).replace("RS256", "none");

        assertThatThrownBy(() -> CardAssertionCodec.read(text)).isInstanceOf(UnsupportedAlgorithmException.class);
    }

    @Test
    void refusesCardUserIdOutsideTheAlphabet() {
        String text = CardAssertionCodec.write(ASSERTION).replace("S0012345", "S001 2345");

        assertThatThrownBy(() -> CardAssertionCodec.read(text)).isInstanceOf(MalformedAssertionException.class)
                .hasMessageContaining("card user ID");
    }

    @Test
    void refusesMoreThanThreeCertificates() {
        CardAssertion many = new CardAssertion("S0012345", List.of(new byte[]{1}, new byte[]{2}, new byte[]{3},
                new byte[]{4}), SignatureAlgorithm.RS256, new byte[]{1});

        assertThatThrownBy(() -> CardAssertionCodec.read(CardAssertionCodec.write(many)))
                .isInstanceOf(MalformedAssertionException.class).hasMessageContaining("more than 3");
    }

    @Test
    void refusesOtherProtocolVersion() {
        String text = CardAssertionCodec.write(ASSERTION).replace("\"protocol\":1", "\"protocol\":2");

        assertThatThrownBy(() -> CardAssertionCodec.read(text)).isInstanceOf(MalformedAssertionException.class)
                .hasMessageContaining("protocol version");
    }

    @Test
    void refusesDeepNesting() {
        String text = "{\"certificates\":" + "[".repeat(50) + "]".repeat(50) + "}";

        assertThatThrownBy(() -> CardAssertionCodec.read(text)).isInstanceOf(MalformedAssertionException.class);
    }

    @Test
    void refusesDuplicateField() {
        String text = CardAssertionCodec.write(ASSERTION).replace("{", "{\"cardUserId\":\"OTHER\",");

        assertThatThrownBy(() -> CardAssertionCodec.read(text)).isInstanceOf(MalformedAssertionException.class);
    }

    @Test
    void refusesTextAfterTheObject() {
        String text = CardAssertionCodec.write(ASSERTION) + "{}";

        assertThatThrownBy(() -> CardAssertionCodec.read(text)).isInstanceOf(MalformedAssertionException.class);
    }

    @Test
    void refusesNonJson() {
        assertThatThrownBy(() -> CardAssertionCodec.read("cardUserId=S0012345"))
                .isInstanceOf(MalformedAssertionException.class);
    }
}
