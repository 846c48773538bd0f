package org.staffcard.authenticator;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A provider factory that keeps no state of its own: nothing to read from the server's configuration, to start
 * once the server is up, or to release at shut-down. Our factories implement it beside their SPI's factory
 * interface, which then leaves them only what makes them what they are.
 */
public interface StatelessProviderFactory<T extends Provider> extends ProviderFactory<T> {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
