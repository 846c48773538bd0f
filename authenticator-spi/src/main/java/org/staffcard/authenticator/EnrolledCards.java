package org.staffcard.authenticator;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffcard.authenticator.credential.CardBindings;
import org.staffcard.authenticator.credential.StaffCardCredentialModel;
import org.staffcard.authenticator.validation.ValidatedCard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Answers whether a validated card is one enrolled to an account. A card user ID only names the account; the
 * account's staff card credentials bind it to certificate keys, so a second card printed with the same ID proves
 * nothing. A revoked card stays on the account for its history and is told apart from a card never enrolled.
 */
final class EnrolledCards {

    private EnrolledCards() {
    }

    /** What the account has for a card: a working credential, a revoked one, or nothing. */
    sealed interface Enrolment {
        record Active(StaffCardCredentialModel credential) implements Enrolment {
        }

        record Revoked(StaffCardCredentialModel credential) implements Enrolment {
        }

        record None() implements Enrolment {
        }
    }

    static boolean holds(KeycloakSession session, RealmModel realm, UserModel user, ValidatedCard card) {
        return find(user, card) instanceof Enrolment.Active;
    }

    static Enrolment find(UserModel user, ValidatedCard card) {
        List<StaffCardCredentialModel> matching = CardBindings.cardsOf(user).stream()
                .filter(credential -> sameKey(credential, card) && credential.data().cardUserId()
                        .equals(card.cardUserId()))
                .toList();
        Optional<StaffCardCredentialModel> active = matching.stream().filter(c -> !c.data().revoked()).findFirst();
        if (active.isPresent()) {
            return new Enrolment.Active(active.get());
        }
        return matching.isEmpty() ? new Enrolment.None() : new Enrolment.Revoked(matching.get(0));
    }

    private static boolean sameKey(StaffCardCredentialModel credential, ValidatedCard card) {
        return MessageDigest.isEqual(credential.data().spkiSha256().getBytes(StandardCharsets.US_ASCII),
                card.spkiSha256Hex().getBytes(StandardCharsets.US_ASCII));
    }
}
