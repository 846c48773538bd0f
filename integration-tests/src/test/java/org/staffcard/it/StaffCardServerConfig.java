package org.staffcard.it;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/** The Keycloak distribution with our providers jar and login theme jar in its providers folder. */
public final class StaffCardServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config.dependency("org.staffcard", "authenticator-spi")
                .dependency("org.staffcard", "themes")
                .option("log-level", "INFO,org.staffcard:debug");
    }
}
