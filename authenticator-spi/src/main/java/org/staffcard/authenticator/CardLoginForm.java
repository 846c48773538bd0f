package org.staffcard.authenticator;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.staffcard.protocol.Challenge;

/**
 * The card login page, shared by the card-only and the card + password steps: the same template and agent script,
 * with or without the password field. Every rendering issues a fresh challenge, so a page shown again after an error
 * can never be answered with the assertion made for the one before.
 */
final class CardLoginForm {

    static final String TEMPLATE = "staff-card-login.ftl";

    private CardLoginForm() {
    }

    /**
     * @param askPassword whether the page asks for the password beside the card
     * @param error the message key to show, or null
     */
    static Response render(AuthenticationFlowContext context, boolean askPassword, String error) {
        Challenge challenge = LoginChallenges.issue(context.getAuthenticationSession());
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(context.getAuthenticatorConfig());
        var form = context.form()
                .setExecution(context.getExecution().getId())
                .setAttribute("cardChallenge", challenge.text())
                .setAttribute("cardAgentPorts", config.agentPorts())
                .setAttribute("cardPasswordField", askPassword)
                // A user already known here signed in earlier at a lower level: the page says why it asks again.
                .setAttribute("cardStepUp", context.getUser() != null);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    /**
     * Shows a refused card sign-in on a fresh page. A refusal with a flow error is a failed attempt on a known
     * account, which Keycloak's brute-force protector counts; any other refusal only shows the page again.
     */
    static void refuse(AuthenticationFlowContext context, boolean askPassword, CardSignIn.Refusal refusal) {
        Response page = render(context, askPassword, refusal.message());
        if (refusal.flowError() != null) {
            context.failureChallenge(refusal.flowError(), page);
        } else {
            context.forceChallenge(page);
        }
    }
}
