package org.staffcard.authenticator.credential;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaffCardCredentialModelTest {

    @Test
    void readsTheFormARealmImportCarries() {
        CredentialModel imported = new CredentialModel();
        imported.setType("staff-card");
        imported.setUserLabel("JPKI card S0012345 (demo card)");
        imported.setCredentialData("{\"cardUserId\":\"S0012345\",\"spkiSha256\":\"6071be1a\","
                + "\"issuerDn\":\"CN=Staff Card Demo CA,O=Demo Prefecture,C=JP\",\"serialHex\":\"7d7189b9a2885606\","
                + "\"profile\":\"jpki\"}");

        CardCredentialData data = StaffCardCredentialModel.of(imported).data();

        assertThat(data).isEqualTo(new CardCredentialData("S0012345", "6071be1a",
                "CN=Staff Card Demo CA,O=Demo Prefecture,C=JP", "7d7189b9a2885606", CardProfile.JPKI, null, null,
                null));
        assertThat(data.revoked()).isFalse();
    }

    @Test
    void writesAndReadsBackEveryFieldIncludingTheRevocation() {
        CardCredentialData data = new CardCredentialData("S0012345", "ab", "CN=CA", "01", CardProfile.PIV, 1L, 2L,
                new CardRevocation(RevocationReason.REPLACED, "new card issued", "desk", 3L));

        StaffCardCredentialModel written = StaffCardCredentialModel.create(data, "Spare card");

        assertThat(written.getCredentialData()).contains("\"profile\":\"piv\"").contains("\"reason\":\"replaced\"");
        assertThat(StaffCardCredentialModel.of(written).data()).isEqualTo(data);
        assertThat(written.getUserLabel()).isEqualTo("Spare card");
        assertThat(written.getCreatedDate()).isEqualTo(1L);
    }

    @Test
    void labelsACardAfterItsProfileIdAndSerialWhenNoLabelIsGiven() {
        CardCredentialData data = new CardCredentialData("S0012345", "ab", null, "7d71", CardProfile.PIV, 1L, null,
                null);
        CardCredentialData serialUnknown = new CardCredentialData("S0012345", "ab", null, null, null, 1L, null, null);

        assertThat(StaffCardCredentialModel.create(data, " ").getUserLabel())
                .isEqualTo("PIV card S0012345 (serial 7d71)");
        assertThat(StaffCardCredentialModel.create(serialUnknown, null).getUserLabel())
                .isEqualTo("Staff card S0012345");
    }

    @Test
    void refusesDataWithoutTheKeyHash() {
        CredentialModel broken = new CredentialModel();
        broken.setCredentialData("{\"cardUserId\":\"S0012345\"}");

        assertThatThrownBy(() -> StaffCardCredentialModel.of(broken)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void revocationReasonsAndProfilesAreReadOnlyFromTheirNames() {
        assertThat(RevocationReason.parse("lost")).contains(RevocationReason.LOST);
        assertThat(RevocationReason.parse("LOST")).isEmpty();
        assertThat(RevocationReason.parse("misplaced")).isEmpty();
        assertThat(CardProfile.parse("JPKI")).contains(CardProfile.JPKI);
        assertThat(CardProfile.parse("magstripe")).isEmpty();
    }
}
