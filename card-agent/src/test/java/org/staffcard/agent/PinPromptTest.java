package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PinPromptTest {

    private static PinPrompt prompt(int triesLeft) {
        return new PinPrompt(new PinRequest("https://sso.example.lg.jp", triesLeft, "S0012345"));
    }

    @Test
    void showsTheTriesLeft() {
        assertThat(prompt(3).triesLine()).contains("3");
    }

    @Test
    void withTwoTriesThePinIsSentWithoutAskingAgain() {
        assertThat(prompt(2).needsLastTryConfirmation()).isFalse();
        assertThat(prompt(2).maySend(false)).isTrue();
    }

    @Test
    void withOneTryThePinIsNotSentUnlessConfirmed() {
        PinPrompt lastTry = prompt(1);

        assertThat(lastTry.needsLastTryConfirmation()).isTrue();
        assertThat(lastTry.triesLine()).contains("ONE try left");
        assertThat(lastTry.maySend(false)).isFalse();
        assertThat(lastTry.maySend(true)).isTrue();
    }

    @Test
    void onlyAnExplicitYesConfirms() {
        assertThat(PinPrompt.isYes("y")).isTrue();
        assertThat(PinPrompt.isYes(" YES ")).isTrue();
        assertThat(PinPrompt.isYes("")).isFalse();
        assertThat(PinPrompt.isYes(null)).isFalse();
        assertThat(PinPrompt.isYes("n")).isFalse();
        assertThat(PinPrompt.isYes("yes please")).isFalse();
    }

    @Test
    void namesTheRequestingOriginAndItsWarnings() {
        PinPrompt prompt = new PinPrompt(new PinRequest("https://xn--80ak6aa92e.com", 3, "S0012345"));

        assertThat(prompt.originLine()).contains("https://xn--80ak6aa92e.com");
        assertThat(prompt.originWarnings()).isNotEmpty();
    }
}
