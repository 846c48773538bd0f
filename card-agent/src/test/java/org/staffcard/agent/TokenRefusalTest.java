package org.staffcard.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRefusalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LoginFailedException refusal(int status, String error, String cardError) {
        return TokenRefusal.of(new SignInServer.Answer(status, JSON.createObjectNode().put("error", error)
                .put("error_description", "described").put("card_error", cardError)));
    }

    @Test
    void wrongPasswordHasItsOwnExitCode() {
        assertThat(refusal(401, "invalid_grant", "invalid_user_credentials").exit()).isEqualTo(LoginExit.PASSWORD);
    }

    @Test
    void lockedAccountHasItsOwnExitCode() {
        assertThat(refusal(400, "invalid_grant", "user_temporarily_disabled").exit())
                .isEqualTo(LoginExit.ACCOUNT_LOCKED);
    }

    @Test
    void staleChallengeIsACardRefusalTellingToRunAgain() {
        LoginFailedException e = refusal(400, "invalid_grant", "card_challenge_expired");

        assertThat(e.exit()).isEqualTo(LoginExit.CARD_REFUSED);
        assertThat(e.nextStep()).contains("run login again");
        assertThat(e.getMessage()).contains("described");
    }

    @Test
    void unknownCardTellsWhoBindsIt() {
        assertThat(refusal(400, "invalid_grant", "card_unknown").nextStep()).contains("admin binds");
    }

    @Test
    void aPendingRequiredActionSendsTheStaffMemberToABrowserSignIn() {
        LoginFailedException e = TokenRefusal.of(new SignInServer.Answer(400, JSON.createObjectNode()
                .put("error", "invalid_grant").put("error_description", "Account is not fully set up")));

        assertThat(e.exit()).isEqualTo(LoginExit.ACCOUNT_ACTION_PENDING);
        assertThat(e.exit().code()).isEqualTo(11);
        assertThat(e.nextStep()).contains("browser");
    }

    @Test
    void wrongClientSecretIsAClientRefusal() {
        assertThat(refusal(401, "invalid_client", "").exit()).isEqualTo(LoginExit.CLIENT_REFUSED);
    }

    @Test
    void anAnswerOutsideTheProtocolIsAServerFault() {
        assertThat(refusal(500, "unknown_error", "").exit()).isEqualTo(LoginExit.SERVER);
    }
}
