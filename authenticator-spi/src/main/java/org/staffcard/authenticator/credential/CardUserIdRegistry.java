package org.staffcard.authenticator.credential;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffcard.authenticator.StaffCardAttributes;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Answers whether a card user ID is held by another account of the realm, ignoring case. Sign-in matches exactly;
 * refusing case-only differences at every write means no two staff can ever hold IDs that a person reads as the
 * same. Used by the user-profile validator and by every binding of a card.
 */
public final class CardUserIdRegistry {

    private static final String CLAIM_PREFIX = "staffcard.card-user-id.";
    private static final String NEW_ACCOUNT_HOLDER = "staffcard.card-user-id.new-account";

    private CardUserIdRegistry() {
    }

    /** @param self the account being written, or null for a new one */
    public static boolean heldByAnother(KeycloakSession session, RealmModel realm, String cardUserId,
                                        UserModel self) {
        String folded = cardUserId.toLowerCase(Locale.ROOT);
        // Keycloak's attribute search on its own database compares lower-cased values, so it finds every case
        // variant; the exact searches reach federated directories too, whose matching the store decides.
        Stream<UserModel> anyCase = session.users().searchForUserStream(realm,
                Map.of(StaffCardAttributes.CARD_USER_ID, cardUserId), null, null);
        Stream<UserModel> exact = Stream.of(cardUserId, folded, cardUserId.toUpperCase(Locale.ROOT)).distinct()
                .flatMap(variant -> session.users().searchForUserByUserAttributeStream(realm,
                        StaffCardAttributes.CARD_USER_ID, variant));
        return Stream.concat(anyCase, exact)
                .filter(other -> self == null || !other.getId().equals(self.getId()))
                .anyMatch(other -> other.getAttributeStream(StaffCardAttributes.CARD_USER_ID)
                        .anyMatch(held -> held.toLowerCase(Locale.ROOT).equals(folded)));
    }

    /**
     * Claims a card user ID for one account across the cluster while a binding writes it. Two bindings of one ID to
     * two accounts at the same instant would both pass {@link #heldByAnother}, since neither has committed; the claim
     * lets only the first through, and the account that holds it may bind again. Take it before that check.
     */
    public static boolean claim(KeycloakSession session, RealmModel realm, String cardUserId, UserModel user) {
        return claim(session, realm, cardUserId, user.getId());
    }

    /**
     * The claim a write of the {@code cardUserId} attribute takes (the user profile's check), so that it and a
     * binding cannot both give one ID to two accounts. An account being created has no id yet: it holds the claim
     * for this request under a name of the request's own.
     *
     * @param self the account being written, or null for a new one
     */
    public static boolean claimForWrite(KeycloakSession session, RealmModel realm, String cardUserId, UserModel self) {
        if (self != null) {
            return claim(session, realm, cardUserId, self.getId());
        }
        Object holder = session.getAttribute(NEW_ACCOUNT_HOLDER);
        if (holder == null) {
            holder = "new account " + UUID.randomUUID();
            session.setAttribute(NEW_ACCOUNT_HOLDER, holder);
        }
        return claim(session, realm, cardUserId, holder.toString());
    }

    private static boolean claim(KeycloakSession session, RealmModel realm, String cardUserId, String holder) {
        String key = CLAIM_PREFIX + realm.getId() + "." + cardUserId.toLowerCase(Locale.ROOT);
        return TransactionClaims.claim(session, key, holder);
    }
}
