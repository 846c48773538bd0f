package org.staffcard.authenticator.credential;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffcard.protocol.CardUserId;

import java.util.regex.Pattern;

/**
 * Stores staff card credentials. Keycloak calls it for the admin console's credentials tab, and for a user created
 * through the admin API or a realm import with a {@value StaffCardCredentialModel#TYPE} credential; binding through
 * the product goes through {@link CardBindings}. Either way one card belongs to one account: a key that another
 * account holds is refused here too. The card user ID is the user profile's to check, as an attribute.
 */
final class StaffCardCredentialProvider implements CredentialProvider<StaffCardCredentialModel> {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final KeycloakSession session;

    StaffCardCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return StaffCardCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, StaffCardCredentialModel card) {
        CardCredentialData data = card.data();
        if (!CardUserId.isWellFormed(data.cardUserId()) || !SHA256_HEX.matcher(data.spkiSha256()).matches()) {
            throw new ModelException("A staff card credential needs a well-formed cardUserId and spkiSha256 (64 "
                    + "lowercase hex digits); user '" + user.getUsername() + "' was given neither or a bad one");
        }
        if (!data.revoked() && (!CardKeyRegistry.claim(session, realm, data.spkiSha256(), user)
                || CardKeyRegistry.heldByAnother(session, realm, data.spkiSha256(), user))) {
            throw new ModelDuplicateException("The staff card given to user '" + user.getUsername() + "' is bound "
                    + "to another account: one card belongs to one account. Revoke it there first.");
        }
        StaffCardCredentialModel stored = data.enrolledAt() == null
                ? StaffCardCredentialModel.create(new CardCredentialData(data.cardUserId(), data.spkiSha256(),
                        data.issuerDn(), data.serialHex(), data.profile(), Time.currentTimeMillis(),
                        data.lastUsedAt(), data.revocation()), card.getUserLabel())
                : StaffCardCredentialModel.create(data, card.getUserLabel());
        stored.setId(card.getId());
        return user.credentialManager().createStoredCredential(stored);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public StaffCardCredentialModel getCredentialFromModel(CredentialModel model) {
        return StaffCardCredentialModel.of(model);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        // Not removable by the staff member: a card stops working by an admin's revocation, which ends its sessions.
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.BASIC_AUTHENTICATION)
                .displayName("staffCardCredentialDisplayName")
                .helpText("staffCardCredentialHelpText")
                .removeable(false)
                .build(session);
    }
}
