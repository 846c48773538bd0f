package org.staffcard.authenticator.credential;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Revocation and last use of cards already bound; binding itself needs a realm and is tested on the server. */
class CardBindingsTest {

    private static final String KEY = "6071be1aa4a7946cb622cff5359bd805b5bf4fabd759a77416b129f559a2bb2d";

    private final StaffAccount account = new StaffAccount("sato.hanako");

    @Test
    void revokedCardKeepsItsDataAndRecordsWhoAndWhy() throws Exception {
        StaffCardCredentialModel card = store(new CardCredentialData("S0012345", KEY, "CN=CA", "7d71",
                CardProfile.JPKI, 1000L, null, null));

        CardBindings.revoke(account, card, new CardRevocation(RevocationReason.LOST, "by phone", "desk", 2000L));

        StaffCardCredentialModel stored = CardBindings.card(account, card.getId()).orElseThrow();
        assertThat(stored.data().revoked()).isTrue();
        assertThat(stored.data().revocation()).isEqualTo(new CardRevocation(RevocationReason.LOST, "by phone",
                "desk", 2000L));
        assertThat(stored.data().spkiSha256()).isEqualTo(KEY);
        assertThat(stored.getUserLabel()).isEqualTo("JPKI card S0012345 (serial 7d71)");
    }

    @Test
    void aCardIsRevokedOnlyOnce() throws Exception {
        StaffCardCredentialModel card = store(new CardCredentialData("S0012345", KEY, null, null, null, 1000L,
                null, null));
        CardBindings.revoke(account, card, new CardRevocation(RevocationReason.STOLEN, null, "desk", 2000L));
        StaffCardCredentialModel revoked = CardBindings.card(account, card.getId()).orElseThrow();

        assertThatThrownBy(() -> CardBindings.revoke(account, revoked,
                new CardRevocation(RevocationReason.OTHER, null, "desk", 3000L)))
                .isInstanceOf(CardAlreadyRevokedException.class)
                .extracting(e -> ((CardBindingException) e).errorCode()).isEqualTo("card_already_revoked");
    }

    @Test
    void useIsRecordedOnTheCard() {
        StaffCardCredentialModel card = store(new CardCredentialData("S0012345", KEY, null, null, null, 1000L,
                null, null));

        CardBindings.recordUse(account, card);

        assertThat(CardBindings.card(account, card.getId()).orElseThrow().data().lastUsedAt()).isPositive();
    }

    @Test
    void unreadableCardCredentialIsLeftOutRatherThanTrusted() {
        CredentialModel broken = new CredentialModel();
        broken.setType(StaffCardCredentialModel.TYPE);
        broken.setCredentialData("{\"cardUserId\":");
        account.credentialManager().createStoredCredential(broken);
        store(new CardCredentialData("S0012345", KEY, null, null, null, 1000L, null, null));

        List<StaffCardCredentialModel> cards = CardBindings.cardsOf(account);

        assertThat(cards).extracting(c -> c.data().cardUserId()).containsExactly("S0012345");
    }

    private StaffCardCredentialModel store(CardCredentialData data) {
        return StaffCardCredentialModel.of(account.credentialManager()
                .createStoredCredential(StaffCardCredentialModel.create(data, null)));
    }
}
