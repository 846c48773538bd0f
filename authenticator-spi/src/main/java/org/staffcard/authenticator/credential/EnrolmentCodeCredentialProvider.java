package org.staffcard.authenticator.credential;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Lets Keycloak show and delete pending enrolment codes on the credentials tab. Codes are only ever made by
 * {@link EnrolmentCodes}; one arriving any other way (an import, another tool) is refused, since its secret could
 * not have been made by the product's hashing.
 */
final class EnrolmentCodeCredentialProvider implements CredentialProvider<EnrolmentCodeCredentialModel> {

    private final KeycloakSession session;

    EnrolmentCodeCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return EnrolmentCodeCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, EnrolmentCodeCredentialModel code) {
        throw new ModelException("Enrolment codes are issued through the staff-cards API only, never imported");
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public EnrolmentCodeCredentialModel getCredentialFromModel(CredentialModel model) {
        return EnrolmentCodeCredentialModel.of(model);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.BASIC_AUTHENTICATION)
                .displayName("staffCardEnrolmentCodeDisplayName")
                .helpText("staffCardEnrolmentCodeHelpText")
                .removeable(false)
                .build(session);
    }
}
