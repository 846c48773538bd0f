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
import org.keycloak.events.EventType;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffcard.authenticator.credential.CardBindingException;
import org.staffcard.authenticator.credential.CardBindings;
import org.staffcard.authenticator.credential.CardProfile;
import org.staffcard.authenticator.credential.CardSessions;
import org.staffcard.authenticator.credential.EnrolmentCodes;
import org.staffcard.authenticator.credential.StaffCardCredentialModel;
import org.staffcard.authenticator.validation.CardAssertionValidator;
import org.staffcard.authenticator.validation.CardValidationException;
import org.staffcard.authenticator.validation.ValidatedCard;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.MalformedAssertionException;
import org.staffcard.protocol.UnsupportedAlgorithmException;

import java.util.Map;
import java.util.Optional;

/**
 * Self-service enrolment of a card, reached from the card login page's "first time with this card" link. Two
 * pages: the staff member proves the account with username, password and the one-time code an admin gave them;
 * then the card signs a fresh challenge through the agent, passes every certificate and revocation check, and is
 * bound. Wrong passwords and wrong codes count towards the realm's brute-force lockout, so a code cannot be guessed.
 * The sign-in then completes at the card + password level, with the session marked with the new card.
 */
final class CardEnrolment {

    static final String FORM = "staff-card-enrol.ftl";
    static final String STEP_FIELD = "staffcardEnrol";
    static final String USERNAME_FIELD = "username";
    static final String PASSWORD_FIELD = "password";
    static final String CODE_FIELD = "enrolmentCode";
    static final String PROFILE_FIELD = "cardProfile";

    static final String STEP_START = "start";
    static final String STEP_ACCOUNT = "account";
    static final String STEP_CARD = "card";

    static final String AUTH_METHOD = "staff_card_enrolment";
    static final String CODE_INVALID = "card_enrolment_code_invalid";

    private static final String USER_NOTE = "staffcard.enrol.user";
    private static final String CODE_NOTE = "staffcard.enrol.code";
    private static final Logger LOG = Logger.getLogger(CardEnrolment.class);

    /** The page's message for each reason a proven card cannot be bound. */
    private static final Map<String, String> BINDING_MESSAGES = Map.of(
            "card_user_id_mismatch", "staffCardEnrolIdMismatch",
            "card_user_id_taken", "staffCardEnrolIdTaken",
            "card_already_bound", "staffCardEnrolAlreadyBound",
            "card_user_id_not_writable", "staffCardEnrolIdNotWritable",
            "card_user_id_malformed", CardLoginMessages.MALFORMED);

    private final CardValidators validators;

    CardEnrolment(CardValidators validators) {
        this.validators = validators;
    }

    static boolean requested(MultivaluedMap<String, String> input) {
        return input.containsKey(STEP_FIELD);
    }

    void action(AuthenticationFlowContext context, MultivaluedMap<String, String> input) {
        context.getEvent().detail(Details.AUTH_METHOD, AUTH_METHOD);
        String step = input.getFirst(STEP_FIELD);
        if (STEP_ACCOUNT.equals(step)) {
            checkAccount(context, input);
        } else if (STEP_CARD.equals(step)) {
            bindCard(context, input);
        } else {
            forget(context.getAuthenticationSession());
            context.challenge(accountPage(context, null));
        }
    }

    private void checkAccount(AuthenticationFlowContext context, MultivaluedMap<String, String> input) {
        forget(context.getAuthenticationSession());
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
            event.error(CODE_INVALID);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                    accountPage(context, "staffCardEnrolInvalid"));
            return;
        }

        context.getAuthenticationSession().setAuthNote(USER_NOTE, user.getId());
        context.getAuthenticationSession().setAuthNote(CODE_NOTE, code.get());
        context.challenge(cardPage(context, null));
    }

    private void bindCard(AuthenticationFlowContext context, MultivaluedMap<String, String> input) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String userId = authSession.getAuthNote(USER_NOTE);
        String codeId = authSession.getAuthNote(CODE_NOTE);
        UserModel user = userId == null ? null : context.getSession().users().getUserById(context.getRealm(), userId);
        if (user == null || codeId == null) {
            context.getEvent().error(CardLoginEvents.CHALLENGE_EXPIRED);
            context.forceChallenge(accountPage(context, "staffCardEnrolRestart"));
            return;
        }
        context.getEvent().user(user).detail(Details.USERNAME, user.getUsername());

        Optional<Challenge> challenge = LoginChallenges.redeem(authSession);
        if (challenge.isEmpty()) {
            context.getEvent().error(CardLoginEvents.CHALLENGE_EXPIRED);
            context.forceChallenge(cardPage(context, CardLoginMessages.CHALLENGE_EXPIRED));
            return;
        }
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(context.getAuthenticatorConfig());
        Optional<ValidatedCard> card = validate(context, config,
                input.getFirst(CardPasswordAuthenticator.ASSERTION_FIELD), challenge.get());
        if (card.isEmpty()) {
            return;
        }
        // The code is checked again: an admin may have withdrawn it, or another tab used it, since the first page.
        if (!EnrolmentCodes.stillPending(user, codeId)) {
            context.getEvent().error(CODE_INVALID);
            forget(authSession);
            context.forceChallenge(accountPage(context, "staffCardEnrolInvalid"));
            return;
        }

        StaffCardCredentialModel bound;
        try {
            bound = CardBindings.bind(context.getSession(), context.getRealm(), user,
                    new CardBindings.CardToBind(card.get().cardUserId(), card.get().leaf(),
                            CardProfile.parse(input.getFirst(PROFILE_FIELD)).orElse(null), null),
                    CardBindings.CardUserIdRule.MATCH_ACCOUNT);
        } catch (CardBindingException e) {
            LOG.debugf("Card '%s' not enrolled for '%s' in realm '%s': %s", card.get().cardUserId(),
                    user.getUsername(), context.getRealm().getName(), e.getMessage());
            if (e.errorCode().equals("card_user_id_taken")) {
                LOG.warnf("Card '%s' presented for enrolment by '%s' in realm '%s' is held by another account. If "
                        + "the card is theirs, revoke it there first.", card.get().cardUserId(), user.getUsername(),
                        context.getRealm().getName());
            }
            context.getEvent().error(e.errorCode());
            context.forceChallenge(cardPage(context, BINDING_MESSAGES.getOrDefault(e.errorCode(),
                    CardLoginMessages.MALFORMED)));
            return;
        }

        EnrolmentCodes.consume(user, codeId);
        forget(authSession);
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, StaffCardCredentialModel.TYPE)
                .detail(Details.CREDENTIAL_ID, bound.getId())
                .success();
        LOG.infof("Card '%s' (certificate serial %s) enrolled by '%s' in realm '%s' with an enrolment code",
                card.get().cardUserId(), card.get().serialHex(), user.getUsername(), context.getRealm().getName());

        CardSessions.mark(authSession, bound);
        new AcrStore(context.getSession(), authSession).setLevelAuthenticated(config.levelOfAuthentication());
        AuthenticatorUtil.addAuthCredential(authSession, PasswordCredentialModel.TYPE);
        context.setUser(user);
        context.success();
    }

    private Optional<ValidatedCard> validate(AuthenticationFlowContext context, CardAuthenticatorConfig config,
                                             String assertionText, Challenge challenge) {
        Optional<CardAssertionValidator> validator = validators.forConfig(config, context.getRealm());
        if (validator.isEmpty()) {
            context.getEvent().error(CardLoginEvents.NOT_CONFIGURED);
            context.forceChallenge(cardPage(context, CardLoginMessages.UNAVAILABLE));
            return Optional.empty();
        }
        String refusal;
        try {
            CardAssertion assertion = CardAssertionCodec.read(assertionText);
            ValidatedCard card = validator.get().validate(assertion,
                    ServerOrigin.of(context.getUriInfo().getBaseUri()), challenge);
            CardLoginEvents.describeCard(context.getEvent(), card.cardUserId(), card.issuerDn(), card.serialHex());
            CardLoginEvents.describeRevocation(context.getEvent(), card.revocation());
            return Optional.of(card);
        } catch (MalformedAssertionException e) {
            context.getEvent().detail(Details.REASON, CardLoginEvents.bounded(e.getMessage()));
            refusal = "invalid_card_assertion";
        } catch (UnsupportedAlgorithmException e) {
            refusal = "card_algorithm_not_allowed";
        } catch (CardValidationException e) {
            LOG.debugf("Card refused at enrolment in realm '%s' (%s): %s", context.getRealm().getName(),
                    e.errorCode(), e.adminDetail());
            context.getEvent().detail(Details.REASON, CardLoginEvents.bounded(e.adminDetail()));
            refusal = e.errorCode();
        }
        context.getEvent().error(refusal);
        context.forceChallenge(cardPage(context, CardLoginMessages.forEventError(refusal)));
        return Optional.empty();
    }

    private static void forget(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(USER_NOTE);
        authSession.removeAuthNote(CODE_NOTE);
    }

    private static Response accountPage(AuthenticationFlowContext context, String error) {
        return page(context, STEP_ACCOUNT, error);
    }

    private static Response cardPage(AuthenticationFlowContext context, String error) {
        return page(context, STEP_CARD, error);
    }

    private static Response page(AuthenticationFlowContext context, String step, String error) {
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(context.getAuthenticatorConfig());
        var form = context.form()
                .setExecution(context.getExecution().getId())
                .setAttribute("enrolStep", step)
                .setAttribute("cardAgentPorts", config.agentPorts());
        if (STEP_CARD.equals(step)) {
            form.setAttribute("cardChallenge", LoginChallenges.issue(context.getAuthenticationSession()).text());
        }
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(FORM);
    }
}
