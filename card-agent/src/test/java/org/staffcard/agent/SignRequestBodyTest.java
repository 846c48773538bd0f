package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.Challenge;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignRequestBodyTest {

    private static final String CHALLENGE = Challenge.random(new SecureRandom()).text();

    private static Challenge parse(String body) throws BadRequestException {
        return SignRequestBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheChallenge() throws Exception {
        assertThat(parse("{\"challenge\":\"" + CHALLENGE + "\"}").text()).isEqualTo(CHALLENGE);
    }

    @Test
    void refusesARepeatedChallengeKey() {
        String other = Challenge.random(new SecureRandom()).text();

        assertThatThrownBy(() -> parse("{\"challenge\":\"" + other + "\",\"challenge\":\"" + CHALLENGE + "\"}"))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void refusesTokensAfterTheObject() {
        assertThatThrownBy(() -> parse("{\"challenge\":\"" + CHALLENGE + "\"} {}"))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void refusesAnUnknownField() {
        assertThatThrownBy(() -> parse("{\"challenge\":\"" + CHALLENGE + "\",\"origin\":\"https://x.example\"}"))
                .isInstanceOf(BadRequestException.class);
    }
}
