package org.staffcard.authenticator;

import org.junit.jupiter.api.Test;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.storage.adapter.AbstractInMemoryUserAdapter;
import org.staffcard.authenticator.CardHolders.CardHolder;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Field case FC-16: a store that matches without case or by prefix must not sign in the wrong person. */
class CardHoldersTest {

    @Test
    void picksTheOnlyAccountWhoseIdIsExactlyEqual() {
        StaffAccount lower = account("lower", "ab12cd");

        CardHolder holder = CardHolders.choose(Stream.of(account("upper", "AB12CD"), lower,
                account("longer", "ab12cd9")), "ab12cd");

        assertThat(holder).isEqualTo(new CardHolder.One(lower));
    }

    @Test
    void findsNoHolderWhenOnlyCaseVariantsExist() {
        CardHolder holder = CardHolders.choose(Stream.of(account("upper", "AB12CD")), "ab12cd");

        assertThat(holder).isInstanceOf(CardHolder.None.class);
    }

    @Test
    void refusesWhenTwoAccountsHoldTheSameId() {
        CardHolder holder = CardHolders.choose(Stream.of(account("first", "ab12cd"), account("second", "ab12cd")),
                "ab12cd");

        assertThat(holder).isInstanceOf(CardHolder.Ambiguous.class);
    }

    private static StaffAccount account(String username, String cardUserId) {
        StaffAccount account = new StaffAccount(username);
        account.setSingleAttribute(StaffCardAttributes.CARD_USER_ID, cardUserId);
        return account;
    }

    /** Keycloak's own in-memory user, as user-storage providers use it, without a database behind it. */
    private static final class StaffAccount extends AbstractInMemoryUserAdapter {

        StaffAccount(String username) {
            super(null, null, username);
            setUsername(username);
        }

        @Override
        public SubjectCredentialManager credentialManager() {
            return null;
        }
    }
}
