package org.staffcard.authenticator;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.messages.Messages;
import org.staffcard.authenticator.CardHolders.CardHolder;
import org.staffcard.authenticator.credential.CardBindings;
import org.staffcard.authenticator.credential.CardRevocation;
import org.staffcard.authenticator.credential.CardSessions;
import org.staffcard.authenticator.validation.CardAssertionValidator;
import org.staffcard.authenticator.validation.CardValidationException;
import org.staffcard.authenticator.validation.SignatureInvalidException;
import org.staffcard.authenticator.validation.ValidatedCard;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.MalformedAssertionException;
import org.staffcard.protocol.UnsupportedAlgorithmException;

import java.util.Optional;

/**
 * The checks every card flow shares, in a fixed order, each failure ending the attempt: form and size, algorithm,
 * certificate purpose, validity and trust, the signature over bytes rebuilt from this server's origin and challenge,
 * exactly one holder of the card user ID, the holder allowed to sign in, and the certificate enrolled to that holder
 * and not revoked.
 * Each flow shows a {@link Refusal} its own way: the browser as a page, a device as an error answer. Events and admin
 * log lines are written here, so every flow records the same facts.
 */
final class CardSignIn {

    private static final Logger LOG = Logger.getLogger(CardSignIn.class);

    private final CardValidators validators;

    CardSignIn(CardValidators validators) {
        this.validators = validators;
    }

    /** A card proved and enrolled, or why not. */
    sealed interface Outcome {
    }

    record Verified(UserModel user, ValidatedCard card) implements Outcome {
    }

    /**
     * A refusal with the login page's message key. A non-null {@code flowError} marks a failed attempt on a known
     * account, which counts towards the realm's brute-force lockout.
     */
    record Refusal(String message, AuthenticationFlowError flowError) implements Outcome {
    }

    /**
     * Checks the posted assertion against the challenge. When {@code signedInUser} is not null (a step-up, or a flow
     * that already knows the user), the card must belong to that account.
     */
    Outcome check(AuthenticationFlowContext context, CardAuthenticatorConfig config, String assertionText,
                  Challenge challenge, String origin, UserModel signedInUser) {
        Optional<CardAssertionValidator> validator = validators.forConfig(config, context.getRealm());
        if (validator.isEmpty()) {
            context.getEvent().error(CardLoginEvents.NOT_CONFIGURED);
            return new Refusal(CardLoginMessages.UNAVAILABLE, null);
        }

        CardAssertion assertion;
        try {
            assertion = CardAssertionCodec.read(assertionText);
        } catch (MalformedAssertionException e) {
            LOG.debugf("Malformed card assertion in realm '%s': %s", context.getRealm().getName(),
                    CardLoginEvents.bounded(e.getMessage()));
            context.getEvent().detail(Details.REASON, CardLoginEvents.bounded(e.getMessage()))
                    .error("invalid_card_assertion");
            return new Refusal(CardLoginMessages.MALFORMED, null);
        } catch (UnsupportedAlgorithmException e) {
            context.getEvent().detail(Details.REASON, CardLoginEvents.bounded(e.getMessage()))
                    .error("card_algorithm_not_allowed");
            return new Refusal(CardLoginMessages.forEventError("card_algorithm_not_allowed"), null);
        }

        ValidatedCard card;
        try {
            card = validator.get().validate(assertion, origin, challenge);
        } catch (CardValidationException e) {
            return refuseCard(context, config, assertion, e);
        }
        EventBuilder event = context.getEvent();
        CardLoginEvents.describeCard(event, card.cardUserId(), card.issuerDn(), card.serialHex());
        CardLoginEvents.describeRevocation(event, card.revocation());

        CardHolder holder = CardHolders.find(context.getSession(), context.getRealm(), card.cardUserId());
        if (!(holder instanceof CardHolder.One one)) {
            return refuseHolder(context, card.cardUserId(), holder);
        }
        UserModel user = one.user();
        if (signedInUser != null && !signedInUser.getId().equals(user.getId())) {
            return refuseOtherAccount(context, signedInUser, card);
        }

        Optional<Refusal> blocked = blocked(context, user);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        EnrolledCards.Enrolment enrolment = EnrolledCards.find(user, card);
        if (enrolment instanceof EnrolledCards.Enrolment.Revoked revoked) {
            LOG.debugf("Revoked card '%s' of '%s' in realm '%s' (certificate serial %s) refused", card.cardUserId(),
                    user.getUsername(), context.getRealm().getName(), card.serialHex());
            CardRevocation why = revoked.credential().data().revocation();
            event.detail(CardLoginEvents.BINDING_REVOCATION_REASON, why.reason().text())
                    .error(CardLoginEvents.CARD_BINDING_REVOKED);
            return new Refusal(CardLoginMessages.BINDING_REVOKED, null);
        }
        if (!(enrolment instanceof EnrolledCards.Enrolment.Active)) {
            LOG.debugf("Card '%s' of '%s' in realm '%s' presented a certificate (serial %s) that is not the enrolled "
                            + "one", card.cardUserId(), user.getUsername(), context.getRealm().getName(),
                    card.serialHex());
            event.error(CardLoginEvents.CARD_NOT_ENROLLED);
            return new Refusal(CardLoginMessages.NOT_ENROLLED, AuthenticationFlowError.INVALID_CREDENTIALS);
        }
        return new Verified(user, card);
    }

    /**
     * Records a completed card sign-in: the card's last use, and the card on the session so that revoking the card
     * ends the session. Every card flow calls this once its whole sign-in has succeeded, just before success.
     */
    static void signedIn(AuthenticationFlowContext context, Verified verified) {
        EnrolmentSettings.remember(context.getAuthenticationSession(), context.getAuthenticatorConfig());
        if (EnrolledCards.find(verified.user(), verified.card()) instanceof EnrolledCards.Enrolment.Active active) {
            CardBindings.recordUse(verified.user(), active.credential());
            if (context.getUser() != null) {
                CardSessions.markStepUp(context.getSession(), context.getRealm(), context.getAuthenticationSession(),
                        active.credential());
            } else {
                CardSessions.mark(context.getAuthenticationSession(), active.credential());
            }
        }
    }

    /** Checks the account's password; a wrong or missing one is a failed attempt like on Keycloak's own form. */
    static Optional<Refusal> checkPassword(AuthenticationFlowContext context, UserModel user, String password) {
        if (password != null && !password.isEmpty()
                && user.credentialManager().isValid(UserCredentialModel.password(password))) {
            return Optional.empty();
        }
        context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
        return Optional.of(new Refusal(CardLoginMessages.INVALID_CARD_OR_PASSWORD,
                AuthenticationFlowError.INVALID_CREDENTIALS));
    }

    private Refusal refuseCard(AuthenticationFlowContext context, CardAuthenticatorConfig config,
                               CardAssertion assertion, CardValidationException e) {
        EventBuilder event = context.getEvent();
        CardLoginEvents.describeCard(event, assertion.cardUserId(),
                e.leaf().map(l -> l.issuerDn()).orElse(null), e.leaf().map(l -> l.serialHex()).orElse(null));
        event.detail(Details.REASON, CardLoginEvents.bounded(e.adminDetail()));
        logRefusal(context, config, assertion, e);

        String message = CardLoginMessages.forEventError(e.errorCode());
        if (e instanceof SignatureInvalidException) {
            // A bad signature is a failed attempt on the account that holds the claimed card, exactly as a wrong
            // password is; otherwise an attacker could guess signatures without ever being locked out.
            CardHolder holder = CardHolders.find(context.getSession(), context.getRealm(), assertion.cardUserId());
            if (holder instanceof CardHolder.One one) {
                markAttempt(context, one.user());
                event.user(one.user());
                event.error(e.errorCode());
                return new Refusal(message, AuthenticationFlowError.INVALID_CREDENTIALS);
            }
        }
        event.error(e.errorCode());
        return new Refusal(message, null);
    }

    private static void logRefusal(AuthenticationFlowContext context, CardAuthenticatorConfig config,
                                   CardAssertion assertion, CardValidationException e) {
        if ("card_certificate_untrusted".equals(e.errorCode())) {
            // Untrusted cards are most often a missing intermediate or anchor in the settings, so an admin looks.
            LOG.warnf("Card '%s' refused in realm '%s': %s. If this card is genuine, add its issuing CA to the "
                    + "trust anchors of authenticator config '%s'.", assertion.cardUserId(),
                    context.getRealm().getName(), e.adminDetail(), config.alias());
        } else if ("card_issuer_not_accepted".equals(e.errorCode())) {
            // A trusted path from a CA the deployment does not accept: a card of a sibling sub-CA, or a CA missing
            // from the list; either way only an admin can tell.
            LOG.warnf("Card '%s' refused in realm '%s': %s. If cards of this CA should sign in, add its name to "
                    + "'Accepted card issuers' of authenticator config '%s'.", assertion.cardUserId(),
                    context.getRealm().getName(), e.adminDetail(), config.alias());
        } else {
            LOG.debugf("Card '%s' refused in realm '%s' (%s): %s", assertion.cardUserId(),
                    context.getRealm().getName(), e.errorCode(), e.adminDetail());
        }
    }

    private static Refusal refuseHolder(AuthenticationFlowContext context, String cardUserId, CardHolder holder) {
        // Spend what a password check would cost, so timing does not tell an unknown card from a wrong password.
        AuthenticatorUtils.dummyHash(context);
        if (holder instanceof CardHolder.Ambiguous) {
            LOG.warnf("Card '%s' is held by more than one account in realm '%s'; sign-in refused. Give the card "
                    + "user ID to exactly one account.", cardUserId, context.getRealm().getName());
            context.getEvent().error(CardLoginEvents.CARD_AMBIGUOUS);
        } else {
            context.getEvent().error(CardLoginEvents.CARD_UNKNOWN);
        }
        return new Refusal(CardLoginMessages.UNKNOWN, AuthenticationFlowError.INVALID_USER);
    }

    private static Refusal refuseOtherAccount(AuthenticationFlowContext context, UserModel signedInUser,
                                              ValidatedCard card) {
        LOG.debugf("Card '%s' presented to confirm '%s' in realm '%s' belongs to another account",
                card.cardUserId(), signedInUser.getUsername(), context.getRealm().getName());
        markAttempt(context, signedInUser);
        context.getEvent().user(signedInUser).error(CardLoginEvents.CARD_OF_OTHER_ACCOUNT);
        return new Refusal(CardLoginMessages.OTHER_ACCOUNT, AuthenticationFlowError.INVALID_CREDENTIALS);
    }

    private static Optional<Refusal> blocked(AuthenticationFlowContext context, UserModel user) {
        markAttempt(context, user);
        context.getEvent().user(user);

        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (bruteForceError != null) {
            context.getEvent().error(bruteForceError);
            // Told plainly, as Keycloak's own password form does: the card already proved who is signing in.
            String message = Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError)
                    ? Messages.ACCOUNT_TEMPORARILY_DISABLED : Messages.ACCOUNT_PERMANENTLY_DISABLED;
            return Optional.of(new Refusal(message, null));
        }
        if (!user.isEnabled()) {
            context.getEvent().error(Errors.USER_DISABLED);
            return Optional.of(new Refusal(Messages.ACCOUNT_DISABLED, null));
        }
        return Optional.empty();
    }

    /** Lets Keycloak's brute-force protector find the account even though no user is set on a failed attempt. */
    private static void markAttempt(AuthenticationFlowContext context, UserModel user) {
        context.getAuthenticationSession()
                .setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, user.getUsername());
    }
}
