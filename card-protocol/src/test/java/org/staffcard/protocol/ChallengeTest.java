package org.staffcard.protocol;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengeTest {

    @Test
    void carries256RandomBitsIn43Characters() {
        Challenge challenge = Challenge.random(new SecureRandom());

        assertThat(challenge.bytes()).hasSize(32);
        assertThat(challenge.text()).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void readsBackItsOwnText() {
        Challenge challenge = Challenge.random(new SecureRandom());

        assertThat(Challenge.fromText(challenge.text())).isEqualTo(challenge);
    }

    @Test
    void refusesShortPaddedOrForeignText() {
        assertThatThrownBy(() -> Challenge.fromText("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Challenge.fromText("A".repeat(42) + "=")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Challenge.fromText("A".repeat(42) + "+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Challenge.fromText(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPrintsItsValue() {
        Challenge challenge = Challenge.random(new SecureRandom());

        assertThat(challenge.toString()).doesNotContain(challenge.text());
    }
}
