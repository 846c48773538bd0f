package org.staffcard.authenticator;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
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
 * The "Enrol a staff card" required action: the card in the reader signs a fresh challenge through the agent,
 * passes every certificate and revocation check of the card settings, and is bound to the account.
 *
 * <p>It runs in two cases. A staff member who proved the account on the first-time page with password and
 * one-time enrolment code gets it for that sign-in, and the code is spent only when the card is bound. An admin can
 * also set it on an account, for a replacement card: it then runs after the next sign-in with card and password.
 * Any other sign-in (the card alone at an attendance terminal, a returning SSO cookie, a password alone through
 * another flow) passes it by and leaves it on the account, because one factor must not be enough to add a card.
 */
final class CardEnrolmentAction implements RequiredActionProvider {

    static final String ID = "staff-card-enrol";
    static final String FORM = "staff-card-enrol.ftl";
    static final String PROFILE_FIELD = "cardProfile";
    static final String CODE_INVALID = "card_enrolment_code_invalid";
    static final String NOT_PROVEN = "card_enrolment_without_password";

    private static final String CODE_NOTE = "staffcard.enrol.code";
    private static final Logger LOG = Logger.getLogger(CardEnrolmentAction.class);

    /** The page's message for each reason a proven card cannot be bound. */
    private static final Map<String, String> BINDING_MESSAGES = Map.of(
            "card_user_id_mismatch", "staffCardEnrolIdMismatch",
            "card_user_id_taken", "staffCardEnrolIdTaken",
            "card_key_taken", "staffCardEnrolIdTaken",
            "card_already_bound", "staffCardEnrolAlreadyBound",
            "card_user_id_not_writable", "staffCardEnrolIdNotWritable",
            "card_user_id_malformed", CardLoginMessages.MALFORMED);

    private final CardValidators validators;

    CardEnrolmentAction(CardValidators validators) {
        this.validators = validators;
    }

    /**
     * Puts the action on this sign-in after the account was proven with password and enrolment code. The code is
     * remembered by its id only, so the action can spend it once the card is bound.
     */
    static void startWithCode(AuthenticationSessionModel authSession, String codeId) {
        authSession.setAuthNote(CODE_NOTE, codeId);
        authSession.addRequiredAction(ID);
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Never added by itself: an enrolment code or an admin puts it on.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (!accountProven(context.getAuthenticationSession())) {
            LOG.debugf("Card enrolment for '%s' in realm '%s' left for a sign-in with card and password",
                    context.getUser().getUsername(), context.getRealm().getName());
            context.ignore();
            return;
        }
        Optional<AuthenticatorConfigModel> settings = settings(context);
        context.challenge(page(context, settings, settings.isPresent() ? null : CardLoginMessages.UNAVAILABLE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        EventBuilder event = context.getEvent().detail(Details.CREDENTIAL_TYPE, StaffCardCredentialModel.TYPE);
        if (!accountProven(authSession)) {
            // Only a hand-made post reaches here: the page is never shown to such a sign-in.
            event.error(NOT_PROVEN);
            context.failure(NOT_PROVEN);
            return;
        }
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        Optional<AuthenticatorConfigModel> settings = settings(context);

        Optional<Challenge> challenge = LoginChallenges.redeem(authSession);
        if (challenge.isEmpty()) {
            event.error(CardLoginEvents.CHALLENGE_EXPIRED);
            context.challenge(page(context, settings, CardLoginMessages.CHALLENGE_EXPIRED));
            return;
        }
        Optional<ValidatedCard> card = validate(context, settings,
                input.getFirst(CardPasswordAuthenticator.ASSERTION_FIELD), challenge.get());
        if (card.isEmpty()) {
            return;
        }

        // The code is checked again: an admin may have withdrawn it, or another tab used it, since the first page;
        // and it is claimed, so that another tab presenting a card at this very moment cannot use it too.
        String codeId = authSession.getAuthNote(CODE_NOTE);
        if (codeId != null && !EnrolmentCodes.claim(context.getSession(), codeId)) {
            refuseCode(context, settings);
            return;
        }
        if (codeId != null && !EnrolmentCodes.stillPending(user, codeId)) {
            EnrolmentCodes.release(context.getSession(), codeId);
            refuseCode(context, settings);
            return;
        }

        StaffCardCredentialModel bound;
        try {
            bound = CardBindings.bind(context.getSession(), context.getRealm(), user,
                    new CardBindings.CardToBind(card.get().cardUserId(), card.get().leaf(),
                            CardProfile.parse(input.getFirst(PROFILE_FIELD)).orElse(null), null),
                    CardBindings.CardUserIdRule.MATCH_ACCOUNT);
        } catch (CardBindingException e) {
            if (codeId != null) {
                EnrolmentCodes.release(context.getSession(), codeId);
            }
            refuseBinding(context, settings, card.get(), e);
            return;
        }

        // The card has just signed this sign-in in, so its binding is also its first use.
        CardBindings.recordUse(user, bound);
        if (codeId != null) {
            EnrolmentCodes.consume(user, codeId);
            authSession.removeAuthNote(CODE_NOTE);
        }
        event.clone().event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_ID, bound.getId())
                .success();
        LOG.infof("Card '%s' (certificate serial %s) enrolled by '%s' in realm '%s' %s", card.get().cardUserId(),
                card.get().serialHex(), user.getUsername(), context.getRealm().getName(),
                codeId != null ? "with an enrolment code" : "after a sign-in with card and password");
        // Keycloak creates the user session after the required actions and copies this note onto it, so revoking
        // the new card ends the session it opened.
        CardSessions.mark(authSession, bound);
        context.success();
    }

    /**
     * The account is proven for an enrolment by the password and enrolment code on the first-time page, or by a
     * card step and a password check in this same sign-in.
     */
    private static boolean accountProven(AuthenticationSessionModel authSession) {
        return authSession.getAuthNote(CODE_NOTE) != null
                || (EnrolmentSettings.remembered(authSession)
                && AuthenticatorUtil.getAuthnCredentials(authSession).contains(PasswordCredentialModel.TYPE));
    }

    private static Optional<AuthenticatorConfigModel> settings(RequiredActionContext context) {
        Optional<AuthenticatorConfigModel> settings = EnrolmentSettings.find(context.getRealm(),
                context.getAuthenticationSession());
        if (settings.isEmpty()) {
            LOG.warnf("Card enrolment for '%s' in realm '%s' cannot check the card: the settings of the card step "
                    + "it came through were deleted. Configure the card step's settings again.",
                    context.getUser().getUsername(), context.getRealm().getName());
        }
        return settings;
    }

    private Optional<ValidatedCard> validate(RequiredActionContext context,
                                             Optional<AuthenticatorConfigModel> settings, String assertionText,
                                             Challenge challenge) {
        RealmModel realm = context.getRealm();
        EventBuilder event = context.getEvent();
        Optional<CardAssertionValidator> validator = settings
                .flatMap(model -> validators.forConfig(CardAuthenticatorConfig.of(model), realm));
        if (validator.isEmpty()) {
            event.error(CardLoginEvents.NOT_CONFIGURED);
            context.challenge(page(context, settings, CardLoginMessages.UNAVAILABLE));
            return Optional.empty();
        }
        String refusal;
        try {
            CardAssertion assertion = CardAssertionCodec.read(assertionText);
            ValidatedCard card = validator.get().validate(assertion,
                    ServerOrigin.of(context.getUriInfo().getBaseUri()), challenge);
            CardLoginEvents.describeCard(event, card.cardUserId(), card.issuerDn(), card.serialHex());
            CardLoginEvents.describeRevocation(event, card.revocation());
            return Optional.of(card);
        } catch (MalformedAssertionException e) {
            event.detail(Details.REASON, CardLoginEvents.bounded(e.getMessage()));
            refusal = "invalid_card_assertion";
        } catch (UnsupportedAlgorithmException e) {
            refusal = "card_algorithm_not_allowed";
        } catch (CardValidationException e) {
            LOG.debugf("Card refused at enrolment in realm '%s' (%s): %s", realm.getName(), e.errorCode(),
                    e.adminDetail());
            event.detail(Details.REASON, CardLoginEvents.bounded(e.adminDetail()));
            refusal = e.errorCode();
        }
        event.error(refusal);
        context.challenge(page(context, settings, CardLoginMessages.forEventError(refusal)));
        return Optional.empty();
    }

    private static void refuseCode(RequiredActionContext context, Optional<AuthenticatorConfigModel> settings) {
        context.getEvent().error(CODE_INVALID);
        context.challenge(page(context, settings, "staffCardEnrolCodeWithdrawn"));
    }

    private static void refuseBinding(RequiredActionContext context, Optional<AuthenticatorConfigModel> settings,
                                      ValidatedCard card, CardBindingException e) {
        String username = context.getUser().getUsername();
        String realm = context.getRealm().getName();
        LOG.debugf("Card '%s' not enrolled for '%s' in realm '%s': %s", card.cardUserId(), username, realm,
                e.getMessage());
        if (e.errorCode().equals("card_user_id_taken") || e.errorCode().equals("card_key_taken")) {
            LOG.warnf("Card '%s' presented for enrolment by '%s' in realm '%s' is held by another account. If the "
                    + "card is theirs, revoke it there first.", card.cardUserId(), username, realm);
        }
        context.getEvent().error(e.errorCode());
        context.challenge(page(context, settings,
                BINDING_MESSAGES.getOrDefault(e.errorCode(), CardLoginMessages.MALFORMED)));
    }

    /** The card page; every rendering issues a fresh challenge, like the sign-in page. */
    private static Response page(RequiredActionContext context, Optional<AuthenticatorConfigModel> settings,
                                 String error) {
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(settings.orElse(null));
        var form = context.form()
                .setAttribute("enrolStep", CardEnrolment.STEP_CARD)
                .setAttribute("cardAgentPorts", config.agentPorts())
                .setAttribute("cardChallenge", LoginChallenges.issue(context.getAuthenticationSession()).text());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(FORM);
    }

    @Override
    public void close() {
    }
}
