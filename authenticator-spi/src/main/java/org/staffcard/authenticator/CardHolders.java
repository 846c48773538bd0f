package org.staffcard.authenticator;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the staff account that holds a card user ID. The rule is exact equality, case included: a storage layer
 * that matches case-insensitively or by prefix may return more candidates, and every one that is not exactly equal
 * is dropped here. Zero or several exact holders are both refusals; several is a data fault an admin must fix.
 */
final class CardHolders {

    private CardHolders() {
    }

    static CardHolder find(KeycloakSession session, RealmModel realm, String cardUserId) {
        Stream<UserModel> candidates = session.users()
                .searchForUserByUserAttributeStream(realm, StaffCardAttributes.CARD_USER_ID, cardUserId);
        return choose(candidates, cardUserId);
    }

    static CardHolder choose(Stream<UserModel> candidates, String cardUserId) {
        List<UserModel> exact = candidates
                .filter(user -> user.getAttributeStream(StaffCardAttributes.CARD_USER_ID).anyMatch(cardUserId::equals))
                .limit(2)
                .toList();
        if (exact.isEmpty()) {
            return new CardHolder.None();
        }
        if (exact.size() > 1) {
            return new CardHolder.Ambiguous();
        }
        return new CardHolder.One(exact.get(0));
    }

    sealed interface CardHolder {
        record None() implements CardHolder {
        }

        record Ambiguous() implements CardHolder {
        }

        record One(UserModel user) implements CardHolder {
        }
    }
}
