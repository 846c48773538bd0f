package org.staffcard.authenticator.admin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.staffcard.authenticator.StatelessProviderFactory;

/** Serves the staff card admin API at {@code /realms/{realm}/staff-cards}. */
public final class StaffCardsResourceProviderFactory implements RealmResourceProviderFactory,
        StatelessProviderFactory<RealmResourceProvider> {

    public static final String PROVIDER_ID = "staff-cards";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new StaffCardsResource(session);
            }

            @Override
            public void close() {
            }
        };
    }
}
