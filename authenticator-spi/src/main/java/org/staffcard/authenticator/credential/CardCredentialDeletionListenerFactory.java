package org.staffcard.authenticator.credential;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.staffcard.authenticator.StatelessProviderFactory;

/**
 * Registers the listener that ends a deleted card's sessions. It is global: every realm gets it without adding it
 * to the realm's event listeners, since a realm that forgot it would leave a deleted card's sessions running.
 */
public final class CardCredentialDeletionListenerFactory implements EventListenerProviderFactory,
        StatelessProviderFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "staff-card-deletion";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new CardCredentialDeletionListener(session);
    }
}
