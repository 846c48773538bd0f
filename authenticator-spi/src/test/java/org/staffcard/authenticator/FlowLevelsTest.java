package org.staffcard.authenticator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When the card-only step leaves a sign-in to the card + password step that follows it. */
class FlowLevelsTest {

    private static final List<Integer> CARD_AND_CARD_PASSWORD = List.of(1, 2);

    @Test
    void aRequestForTheCardPasswordLevelIsLeftToTheLevelTwoStep() {
        assertThat(FlowLevels.higherStepFollows(1, 2, CARD_AND_CARD_PASSWORD)).isTrue();
    }

    @Test
    void aRequestForTheCardLevelOrForNoLevelIsSignedInWithTheCard() {
        assertThat(FlowLevels.higherStepFollows(1, 1, CARD_AND_CARD_PASSWORD)).isFalse();
        assertThat(FlowLevels.higherStepFollows(1, -1, CARD_AND_CARD_PASSWORD)).isFalse();
        assertThat(FlowLevels.higherStepFollows(1, 0, CARD_AND_CARD_PASSWORD)).isFalse();
    }

    @Test
    void withoutAHigherStepInTheFlowTheCardStepSignsInItself() {
        assertThat(FlowLevels.higherStepFollows(1, 2, List.of(1))).isFalse();
    }

    @Test
    void aHigherStepThatTheRequestDoesNotReachDoesNotCount() {
        // Keycloak runs a level-3 step only when level 3 or more is asked for: a level-2 request would get no card.
        assertThat(FlowLevels.higherStepFollows(1, 2, List.of(1, 3))).isFalse();
    }
}
