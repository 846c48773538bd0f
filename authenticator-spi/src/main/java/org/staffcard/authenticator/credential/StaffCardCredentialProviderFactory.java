package org.staffcard.authenticator.credential;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the staff card credential type with Keycloak. */
public final class StaffCardCredentialProviderFactory
        implements CredentialProviderFactory<StaffCardCredentialProvider> {

    public static final String PROVIDER_ID = "staff-card";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new StaffCardCredentialProvider(session);
    }
}
