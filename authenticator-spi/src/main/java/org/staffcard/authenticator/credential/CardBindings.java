package org.staffcard.authenticator.credential;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;
import org.staffcard.authenticator.StaffCardAttributes;
import org.staffcard.authenticator.validation.DistinguishedNames;
import org.staffcard.authenticator.validation.SpkiFingerprint;
import org.staffcard.protocol.CardUserId;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds cards to staff accounts and changes those bindings; the one place that writes staff card credentials, for
 * the admin API and for self-service enrolment alike. The account's {@code cardUserId} attribute stays the lookup
 * key (so a directory can supply it), and each credential records one card: its user ID and certificate key.
 */
public final class CardBindings {

    private static final Logger LOG = Logger.getLogger(CardBindings.class);

    private CardBindings() {
    }

    /** A card to bind, its certificate already checked against the realm's rules by the caller. */
    public record CardToBind(String cardUserId, X509Certificate certificate, CardProfile profile, String label) {
        public CardToBind {
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /** How the card's user ID must relate to the IDs the account already holds. */
    public enum CardUserIdRule {
        /** An admin binds: a new ID is added to the account (a replacement card may carry a new ID). */
        ADD_TO_ACCOUNT,
        /** The staff member enrols: the card must carry the account's ID, or become its only ID when it has none. */
        MATCH_ACCOUNT
    }

    public static StaffCardCredentialModel bind(KeycloakSession session, RealmModel realm, UserModel user,
                                                CardToBind card, CardUserIdRule rule) throws CardBindingException {
        String cardUserId = card.cardUserId();
        if (!CardUserId.isWellFormed(cardUserId)) {
            throw new CardUserIdMalformedException("card user ID is not well formed");
        }
        List<String> held = user.getAttributeStream(StaffCardAttributes.CARD_USER_ID).toList();
        if (rule == CardUserIdRule.MATCH_ACCOUNT && !held.isEmpty() && !held.contains(cardUserId)) {
            throw new CardUserIdMismatchException("the card carries '" + cardUserId + "' but account '"
                    + user.getUsername() + "' holds " + held);
        }
        if (!CardUserIdRegistry.claim(session, realm, cardUserId, user)) {
            throw new CardUserIdTakenException("card user ID '" + cardUserId + "' is being bound to another account "
                    + "at this moment");
        }
        if (CardUserIdRegistry.heldByAnother(session, realm, cardUserId, user)) {
            throw new CardUserIdTakenException("card user ID '" + cardUserId + "' is held by another account");
        }
        String spki = SpkiFingerprint.sha256Hex(card.certificate());
        boolean alreadyBound = cardsOf(user).stream()
                .anyMatch(c -> !c.data().revoked() && c.data().spkiSha256().equals(spki));
        if (alreadyBound) {
            throw new CardAlreadyBoundException("account '" + user.getUsername() + "' already holds this card");
        }
        if (!CardKeyRegistry.claim(session, realm, spki, user)
                || CardKeyRegistry.heldByAnother(session, realm, spki, user)) {
            throw new CardKeyTakenException("this card's certificate key is bound to another account; revoke it there "
                    + "first if the card changed hands");
        }

        if (!held.contains(cardUserId)) {
            List<String> values = new ArrayList<>(held);
            values.add(cardUserId);
            try {
                user.setAttribute(StaffCardAttributes.CARD_USER_ID, values);
            } catch (ModelException | ReadOnlyException e) {
                // A directory mapped read-only refuses the write: the ID must be set in the directory first.
                throw new CardUserIdNotWritableException("account '" + user.getUsername()
                        + "' does not let its cardUserId be written: " + e.getMessage());
            }
        }

        X509Certificate certificate = card.certificate();
        CardCredentialData data = new CardCredentialData(cardUserId, spki,
                DistinguishedNames.readable(certificate.getIssuerX500Principal()),
                certificate.getSerialNumber().toString(16), card.profile(), Time.currentTimeMillis(), null, null);
        CredentialModel stored = user.credentialManager()
                .createStoredCredential(StaffCardCredentialModel.create(data, freeLabel(user, card.label(), data)));
        return StaffCardCredentialModel.of(stored);
    }

    /**
     * Keycloak refuses two credentials of one account with the same label. A label an admin chose must be free; the
     * default one (profile, card user ID and serial) is made free with a number, as when a revoked card is bound
     * again.
     */
    private static String freeLabel(UserModel user, String asked, CardCredentialData data)
            throws CardLabelTakenException {
        Set<String> taken = user.credentialManager().getStoredCredentialsStream()
                .map(CredentialModel::getUserLabel).filter(Objects::nonNull).collect(Collectors.toSet());
        if (asked != null && !asked.isBlank()) {
            if (taken.contains(asked.trim())) {
                throw new CardLabelTakenException("account '" + user.getUsername() + "' already has a credential "
                        + "labelled '" + asked.trim() + "'");
            }
            return asked.trim();
        }
        String label = StaffCardCredentialModel.defaultLabel(data);
        for (int n = 2; taken.contains(label); n++) {
            label = StaffCardCredentialModel.defaultLabel(data) + " #" + n;
        }
        return label;
    }

    /** Every card credential of the account, revoked ones included; unreadable ones are left out and logged. */
    public static List<StaffCardCredentialModel> cardsOf(UserModel user) {
        List<StaffCardCredentialModel> cards = new ArrayList<>();
        user.credentialManager().getStoredCredentialsByTypeStream(StaffCardCredentialModel.TYPE).forEach(stored -> {
            try {
                cards.add(StaffCardCredentialModel.of(stored));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Staff card credential '%s' of '%s' cannot be read and is ignored, so that card cannot "
                        + "sign in: %s. Revoke it and bind the card again.", stored.getId(), user.getUsername(),
                        e.getMessage());
            }
        });
        return cards;
    }

    public static Optional<StaffCardCredentialModel> card(UserModel user, String credentialId) {
        return cardsOf(user).stream().filter(c -> c.getId().equals(credentialId)).findFirst();
    }

    /** Marks the card revoked; the credential stays, so the account's history shows the card and why it ended. */
    public static StaffCardCredentialModel revoke(UserModel user, StaffCardCredentialModel card,
                                                  CardRevocation revocation) throws CardAlreadyRevokedException {
        if (card.data().revoked()) {
            throw new CardAlreadyRevokedException("card '" + card.getId() + "' of '" + user.getUsername()
                    + "' was already revoked");
        }
        StaffCardCredentialModel revoked = card.with(card.data().revokedWith(revocation));
        user.credentialManager().updateStoredCredential(revoked);
        return revoked;
    }

    /** Records that the card just signed in. */
    public static void recordUse(UserModel user, StaffCardCredentialModel card) {
        user.credentialManager().updateStoredCredential(card.with(card.data().usedAt(Time.currentTimeMillis())));
    }
}
