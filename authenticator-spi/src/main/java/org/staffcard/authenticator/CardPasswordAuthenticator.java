package org.staffcard.authenticator;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.messages.Messages;
import org.staffcard.authenticator.CardHolders.CardHolder;
import org.staffcard.authenticator.validation.CardAssertionValidator;
import org.staffcard.authenticator.validation.CardValidationException;
import org.staffcard.authenticator.validation.SignatureInvalidException;
import org.staffcard.authenticator.validation.ValidatedCard;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.MalformedAssertionException;
import org.staffcard.protocol.UnsupportedAlgorithmException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The card + password form. The page gets a fresh challenge, the card agent has the card sign it, and the posted
 * assertion and password are checked in a fixed order, each failure ending the attempt: form and size, algorithm,
 * certificate purpose, validity and trust, the signature over bytes rebuilt from this server's origin and challenge,
 * exactly one holder of the card user ID, the certificate bound to that holder, then the password. Bad signatures,
 * foreign certificates and wrong passwords count towards the realm's brute-force lockout like a wrong password does
 * on Keycloak's own form.
 */
final class CardPasswordAuthenticator implements Authenticator {

    static final String FORM = "staff-card-login.ftl";
    static final String ASSERTION_FIELD = "cardAssertion";
    static final String PASSWORD_FIELD = "password";

    private static final Logger LOG = Logger.getLogger(CardPasswordAuthenticator.class);

    private final CardValidators validators;

    CardPasswordAuthenticator(CardValidators validators) {
        this.validators = validators;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(form(context, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(context.getAuthenticatorConfig());
        EventBuilder event = context.getEvent().detail(Details.AUTH_METHOD, CardLoginEvents.AUTH_METHOD);

        Optional<Challenge> challenge = LoginChallenges.redeem(context.getAuthenticationSession());
        if (challenge.isEmpty()) {
            event.error(CardLoginEvents.CHALLENGE_EXPIRED);
            context.forceChallenge(form(context, CardLoginMessages.CHALLENGE_EXPIRED));
            return;
        }

        Optional<ValidatedCard> card = validateCard(context, config, input.getFirst(ASSERTION_FIELD), challenge.get());
        if (card.isEmpty()) {
            return;
        }
        ValidatedCard validated = card.get();
        CardLoginEvents.describeCard(event, validated.cardUserId(), validated.issuerDn(), validated.serialHex());
        CardLoginEvents.describeRevocation(event, validated.revocation());

        Optional<UserModel> holder = findHolder(context, validated.cardUserId());
        if (holder.isEmpty()) {
            return;
        }
        UserModel user = holder.get();

        if (!userMayTry(context, user) || !certificateIsEnrolled(context, user, validated)
                || !passwordMatches(context, user, input.getFirst(PASSWORD_FIELD))) {
            return;
        }

        new AcrStore(context.getSession(), context.getAuthenticationSession())
                .setLevelAuthenticated(config.levelOfAuthentication());
        // Recorded as a password sign-in so that Keycloak's brute-force protector clears the failure count.
        AuthenticatorUtil.addAuthCredential(context.getAuthenticationSession(), PasswordCredentialModel.TYPE);
        LOG.debugf("Card sign-in of '%s' with card '%s' (certificate serial %s) in realm '%s'",
                user.getUsername(), validated.cardUserId(), validated.serialHex(), context.getRealm().getName());
        context.setUser(user);
        context.success();
    }

    private Optional<ValidatedCard> validateCard(AuthenticationFlowContext context, CardAuthenticatorConfig config,
                                                 String assertionText, Challenge challenge) {
        Optional<CardAssertionValidator> validator = validators.forConfig(config, context.getRealm());
        if (validator.isEmpty()) {
            context.getEvent().error(CardLoginEvents.NOT_CONFIGURED);
            context.forceChallenge(form(context, CardLoginMessages.UNAVAILABLE));
            return Optional.empty();
        }

        CardAssertion assertion;
        try {
            assertion = CardAssertionCodec.read(assertionText);
        } catch (MalformedAssertionException e) {
            LOG.debugf("Malformed card assertion in realm '%s': %s", context.getRealm().getName(),
                    CardLoginEvents.bounded(e.getMessage()));
            context.getEvent().detail(Details.REASON, CardLoginEvents.bounded(e.getMessage()))
                    .error("invalid_card_assertion");
            context.forceChallenge(form(context, CardLoginMessages.MALFORMED));
            return Optional.empty();
        } catch (UnsupportedAlgorithmException e) {
            context.getEvent().detail(Details.REASON, CardLoginEvents.bounded(e.getMessage()))
                    .error("card_algorithm_not_allowed");
            context.forceChallenge(form(context, CardLoginMessages.forEventError("card_algorithm_not_allowed")));
            return Optional.empty();
        }

        try {
            return Optional.of(validator.get().validate(assertion, origin(context), challenge));
        } catch (CardValidationException e) {
            refuseCard(context, assertion, e);
            return Optional.empty();
        }
    }

    private void refuseCard(AuthenticationFlowContext context, CardAssertion assertion, CardValidationException e) {
        EventBuilder event = context.getEvent();
        CardLoginEvents.describeCard(event, assertion.cardUserId(),
                e.leaf().map(l -> l.issuerDn()).orElse(null), e.leaf().map(l -> l.serialHex()).orElse(null));
        event.detail(Details.REASON, CardLoginEvents.bounded(e.adminDetail()));
        logRefusal(context, assertion, e);

        Response page = form(context, CardLoginMessages.forEventError(e.errorCode()));
        if (e instanceof SignatureInvalidException) {
            // A bad signature is a failed attempt on the account that holds the claimed card, exactly as a wrong
            // password is; otherwise an attacker could guess signatures without ever being locked out.
            CardHolder holder = CardHolders.find(context.getSession(), context.getRealm(), assertion.cardUserId());
            if (holder instanceof CardHolder.One one) {
                markAttempt(context, one.user());
                event.user(one.user());
                event.error(e.errorCode());
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
                return;
            }
        }
        event.error(e.errorCode());
        context.forceChallenge(page);
    }

    private static void logRefusal(AuthenticationFlowContext context, CardAssertion assertion,
                                   CardValidationException e) {
        if ("card_certificate_untrusted".equals(e.errorCode())) {
            // Untrusted cards are most often a missing intermediate or anchor in the settings, so an admin looks.
            LOG.warnf("Card '%s' refused in realm '%s': %s. If this card is genuine, add its issuing CA to the "
                    + "trust anchors of authenticator config '%s'.", assertion.cardUserId(),
                    context.getRealm().getName(), e.adminDetail(), configAlias(context));
        } else if ("card_issuer_not_accepted".equals(e.errorCode())) {
            // A trusted path from a CA the deployment does not accept: a card of a sibling sub-CA, or a CA missing
            // from the list; either way only an admin can tell.
            LOG.warnf("Card '%s' refused in realm '%s': %s. If cards of this CA should sign in, add its name to "
                    + "'Accepted card issuers' of authenticator config '%s'.", assertion.cardUserId(),
                    context.getRealm().getName(), e.adminDetail(), configAlias(context));
        } else {
            LOG.debugf("Card '%s' refused in realm '%s' (%s): %s", assertion.cardUserId(),
                    context.getRealm().getName(), e.errorCode(), e.adminDetail());
        }
    }

    private Optional<UserModel> findHolder(AuthenticationFlowContext context, String cardUserId) {
        CardHolder holder = CardHolders.find(context.getSession(), context.getRealm(), cardUserId);
        if (holder instanceof CardHolder.One one) {
            return Optional.of(one.user());
        }

        // Spend what a password check would cost, so timing does not tell an unknown card from a wrong password.
        AuthenticatorUtils.dummyHash(context);
        if (holder instanceof CardHolder.Ambiguous) {
            LOG.warnf("Card '%s' is held by more than one account in realm '%s'; sign-in refused. Give the card "
                    + "user ID to exactly one account.", cardUserId, context.getRealm().getName());
            context.getEvent().error(CardLoginEvents.CARD_AMBIGUOUS);
        } else {
            context.getEvent().error(CardLoginEvents.CARD_UNKNOWN);
        }
        context.failureChallenge(AuthenticationFlowError.INVALID_USER, form(context, CardLoginMessages.UNKNOWN));
        return Optional.empty();
    }

    private boolean userMayTry(AuthenticationFlowContext context, UserModel user) {
        markAttempt(context, user);
        context.getEvent().user(user);

        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (bruteForceError != null) {
            context.getEvent().error(bruteForceError);
            // Told plainly, as Keycloak's own password form does: the card already proved who is signing in.
            String message = Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError)
                    ? Messages.ACCOUNT_TEMPORARILY_DISABLED : Messages.ACCOUNT_PERMANENTLY_DISABLED;
            context.forceChallenge(form(context, message));
            return false;
        }
        if (!user.isEnabled()) {
            context.getEvent().error(Errors.USER_DISABLED);
            context.forceChallenge(form(context, Messages.ACCOUNT_DISABLED));
            return false;
        }
        return true;
    }

    private boolean certificateIsEnrolled(AuthenticationFlowContext context, UserModel user, ValidatedCard card) {
        String enrolled = user.getFirstAttribute(StaffCardAttributes.CERTIFICATE_SPKI_SHA256);
        if (enrolled != null && MessageDigest.isEqual(enrolled.getBytes(StandardCharsets.US_ASCII),
                card.spkiSha256Hex().getBytes(StandardCharsets.US_ASCII))) {
            return true;
        }

        LOG.debugf("Card '%s' of '%s' in realm '%s' presented a certificate (serial %s) that is not the enrolled one",
                card.cardUserId(), user.getUsername(), context.getRealm().getName(), card.serialHex());
        context.getEvent().error(CardLoginEvents.CARD_NOT_ENROLLED);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                form(context, CardLoginMessages.NOT_ENROLLED));
        return false;
    }

    private boolean passwordMatches(AuthenticationFlowContext context, UserModel user, String password) {
        if (password != null && !password.isEmpty()
                && user.credentialManager().isValid(UserCredentialModel.password(password))) {
            return true;
        }
        context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                form(context, CardLoginMessages.INVALID_CARD_OR_PASSWORD));
        return false;
    }

    /** Lets Keycloak's brute-force protector find the account even though no user is set on a failed attempt. */
    private static void markAttempt(AuthenticationFlowContext context, UserModel user) {
        context.getAuthenticationSession()
                .setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, user.getUsername());
    }

    private static Response form(AuthenticationFlowContext context, String error) {
        Challenge challenge = LoginChallenges.issue(context.getAuthenticationSession());
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(context.getAuthenticatorConfig());
        var form = context.form()
                .setExecution(context.getExecution().getId())
                .setAttribute("cardChallenge", challenge.text())
                .setAttribute("cardAgentPorts", config.agentPorts());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(FORM);
    }

    private static String origin(AuthenticationFlowContext context) {
        return ServerOrigin.of(context.getUriInfo().getBaseUri());
    }

    private static String configAlias(AuthenticationFlowContext context) {
        return CardAuthenticatorConfig.of(context.getAuthenticatorConfig()).alias();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
