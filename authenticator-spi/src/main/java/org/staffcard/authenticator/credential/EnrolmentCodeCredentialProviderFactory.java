package org.staffcard.authenticator.credential;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the pending card enrolment code as a credential type with Keycloak. */
public final class EnrolmentCodeCredentialProviderFactory
        implements CredentialProviderFactory<EnrolmentCodeCredentialProvider> {

    public static final String PROVIDER_ID = "staff-card-enrolment-code";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new EnrolmentCodeCredentialProvider(session);
    }
}
