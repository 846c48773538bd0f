package org.staffcard.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SignedPayloadTest {

    private static final Challenge CHALLENGE = Challenge.random(new SecureRandom());

    @Test
    void isTheLabelFollowedByTheThreeHashesInOrder() {
        byte[] payload = SignedPayload.of("https://sso.example.lg.jp", CHALLENGE, "S0012345");

        int label = SignedPayload.LABEL.length;
        assertThat(payload).hasSize(SignedPayload.LENGTH);
        assertThat(Arrays.copyOfRange(payload, 0, label)).isEqualTo(SignedPayload.LABEL);
        assertThat(Arrays.copyOfRange(payload, label, label + 32))
                .isEqualTo(SignedPayload.sha256("https://sso.example.lg.jp".getBytes(StandardCharsets.UTF_8)));
        assertThat(Arrays.copyOfRange(payload, label + 32, label + 64))
                .isEqualTo(SignedPayload.sha256(CHALLENGE.bytes()));
        assertThat(Arrays.copyOfRange(payload, label + 64, label + 96))
                .isEqualTo(SignedPayload.sha256("S0012345".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void differsForAnotherOrigin() {
        assertThat(SignedPayload.of("https://sso.example.lg.jp", CHALLENGE, "S0012345"))
                .isNotEqualTo(SignedPayload.of("https://sso.example.lg.jp.evil.com", CHALLENGE, "S0012345"));
    }

    @Test
    void differsForAnotherCardUserId() {
        assertThat(SignedPayload.of("https://sso.example.lg.jp", CHALLENGE, "S0012345"))
                .isNotEqualTo(SignedPayload.of("https://sso.example.lg.jp", CHALLENGE, "S0012346"));
    }

    @Test
    void labelIsAsciiEndingInZero() {
        assertThat(new String(SignedPayload.LABEL, StandardCharsets.US_ASCII)).isEqualTo("STAFFCARD-LOGIN-V1\0");
    }
}
