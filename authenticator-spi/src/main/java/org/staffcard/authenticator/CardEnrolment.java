package org.staffcard.authenticator;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.Constants;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffcard.authenticator.credential.EnrolmentCodes;

import java.util.Optional;

/**
 * The first page of self-service card enrolment, reached from the card login page's "first time with this card"
 * link: the staff member proves the account with username, password and the one-time code an admin gave them.
 * Wrong passwords and wrong codes count towards the realm's brute-force lockout, so a code cannot be guessed. The
 * card itself is then bound by the "Enrol a staff card" required action ({@link CardEnrolmentAction}), which
 * Keycloak runs before it issues any session or token, so this page alone never signs anyone in.
 */
final class CardEnrolment {

    static final String STEP_FIELD = "staffcardEnrol";
    static final String USERNAME_FIELD = "username";
    static final String PASSWORD_FIELD = "password";
    static final String CODE_FIELD = "enrolmentCode";

    static final String STEP_START = "start";
    static final String STEP_ACCOUNT = "account";
    static final String STEP_CARD = "card";

    static final String AUTH_METHOD = "staff_card_enrolment";
    static final String NOT_ENABLED = "card_enrolment_not_enabled";

    private static final Logger LOG = Logger.getLogger(CardEnrolment.class);

    static boolean requested(MultivaluedMap<String, String> input) {
        return input.containsKey(STEP_FIELD);
    }

    void action(AuthenticationFlowContext context, MultivaluedMap<String, String> input) {
        context.getEvent().detail(Details.AUTH_METHOD, AUTH_METHOD);
        String step = input.getFirst(STEP_FIELD);
        if (STEP_ACCOUNT.equals(step)) {
            checkAccount(context, input);
        } else {
            context.challenge(accountPage(context, null));
        }
    }

    private void checkAccount(AuthenticationFlowContext context, MultivaluedMap<String, String> input) {
        if (!actionEnabled(context)) {
            return;
        }
        String username = input.getFirst(USERNAME_FIELD);
        EventBuilder event = context.getEvent();
        UserModel user = username == null || username.isBlank() ? null
                : KeycloakModelUtils.findUserByNameOrEmail(context.getSession(), context.getRealm(), username.trim());
        if (user == null) {
            // Spend what a password check would cost, so timing does not tell an unknown username.
            AuthenticatorUtils.dummyHash(context);
            event.detail(Details.USERNAME, CardLoginEvents.bounded(username)).error(Errors.USER_NOT_FOUND);
            context.forceChallenge(accountPage(context, "staffCardEnrolInvalid"));
            return;
        }
        context.getAuthenticationSession()
                .setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, user.getUsername());
        event.user(user).detail(Details.USERNAME, user.getUsername());

        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (bruteForceError != null) {
            event.error(bruteForceError);
            context.forceChallenge(accountPage(context, Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError)
                    ? Messages.ACCOUNT_TEMPORARILY_DISABLED : Messages.ACCOUNT_PERMANENTLY_DISABLED));
            return;
        }
        if (!user.isEnabled()) {
            event.error(Errors.USER_DISABLED);
            context.forceChallenge(accountPage(context, Messages.ACCOUNT_DISABLED));
            return;
        }
        String password = input.getFirst(PASSWORD_FIELD);
        if (password == null || password.isEmpty()
                || !user.credentialManager().isValid(UserCredentialModel.password(password))) {
            event.error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                    accountPage(context, "staffCardEnrolInvalid"));
            return;
        }
        Optional<String> code = EnrolmentCodes.match(user, input.getFirst(CODE_FIELD));
        if (code.isEmpty()) {
            LOG.debugf("Card enrolment of '%s' in realm '%s' refused: no pending enrolment code matches (wrong, used "
                    + "or expired)", user.getUsername(), context.getRealm().getName());
            event.error(CardEnrolmentAction.CODE_INVALID);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                    accountPage(context, "staffCardEnrolInvalid"));
            return;
        }

        // The level is the card step's, though no card has signed yet: the enrolment action binds one before
        // Keycloak creates the session, and the sign-in ends there if it does not.
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // An application-initiated action that the sign-in carries would run in place of the enrolment, and one
        // that Keycloak may skip (ours among them) would let the sign-in finish on password and code alone; this
        // page's sign-in finishes with the card, and nothing else.
        authSession.removeClientNote(Constants.KC_ACTION);
        authSession.removeClientNote(Constants.KC_ACTION_PARAMETER);
        CardEnrolmentAction.startWithCode(authSession, code.get());
        EnrolmentSettings.remember(authSession, context.getAuthenticatorConfig());
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(context.getAuthenticatorConfig());
        new AcrStore(context.getSession(), authSession).setLevelAuthenticated(config.levelOfAuthentication());
        // Recorded as a password sign-in so that Keycloak's brute-force protector clears the failure count.
        AuthenticatorUtil.addAuthCredential(authSession, PasswordCredentialModel.TYPE);
        context.setUser(user);
        context.success();
    }

    /**
     * The card is bound by the required action; if an admin disabled or removed it, Keycloak would skip it and
     * finish a sign-in that no card made, so the enrolment is refused instead.
     */
    private static boolean actionEnabled(AuthenticationFlowContext context) {
        RequiredActionProviderModel action = context.getRealm()
                .getRequiredActionProviderByAlias(CardEnrolmentAction.ID);
        if (action != null && action.isEnabled()) {
            return true;
        }
        LOG.warnf("Card enrolment in realm '%s' refused: the required action '%s' is not registered or not "
                + "enabled. Enable it under Authentication, Required actions.", context.getRealm().getName(),
                CardEnrolmentAction.ID);
        context.getEvent().error(NOT_ENABLED);
        context.forceChallenge(accountPage(context, CardLoginMessages.UNAVAILABLE));
        return false;
    }

    private static Response accountPage(AuthenticationFlowContext context, String error) {
        var form = context.form()
                .setExecution(context.getExecution().getId())
                .setAttribute("enrolStep", STEP_ACCOUNT);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(CardEnrolmentAction.FORM);
    }
}
