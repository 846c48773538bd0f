package org.staffcard.authenticator.amr;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationMethodListTest {

    private static final Map<String, List<String>> STEPS = Map.of(
            "cookie", List.of(),
            "card-only", List.of("hwk", "pin"),
            "card-password", List.of("hwk", "pin", "pwd"),
            "otp", List.of("otp"));

    @Test
    void aCardOnlySignInGivesTheCardsMethods() {
        assertThat(AuthenticationMethodList.of(Map.of("card-only", 100), STEPS::get)).containsExactly("hwk", "pin");
    }

    @Test
    void aStepUpAddsThePasswordOnceAfterTheCardsMethods() {
        Map<String, Integer> completed = Map.of("card-only", 100, "cookie", 160, "card-password", 161);

        assertThat(AuthenticationMethodList.of(completed, STEPS::get)).containsExactly("hwk", "pin", "pwd");
    }

    @Test
    void stepsAreTakenInTheOrderTheyWereCompleted() {
        Map<String, Integer> completed = Map.of("otp", 100, "card-password", 200);

        assertThat(AuthenticationMethodList.of(completed, STEPS::get)).containsExactly("otp", "hwk", "pin", "pwd");
    }

    @Test
    void noCompletedStepGivesAnEmptyList() {
        assertThat(AuthenticationMethodList.of(Map.of(), STEPS::get)).isEmpty();
    }
}
