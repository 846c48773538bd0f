package org.staffcard.authenticator;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves the device challenge endpoint under {@code /realms/{realm}/staff-card/}. */
public final class DeviceChallengeResourceFactory implements RealmResourceProviderFactory,
        StatelessProviderFactory<RealmResourceProvider> {

    public static final String ID = "staff-card";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new DeviceChallengeResource(session);
    }
}
