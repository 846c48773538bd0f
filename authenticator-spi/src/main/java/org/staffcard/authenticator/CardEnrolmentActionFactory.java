package org.staffcard.authenticator;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Registers the "Enrol a staff card" required action; admins see it under Authentication, Required actions, and
 * can set it on an account so its holder binds a new card at the next sign-in with the password.
 */
public final class CardEnrolmentActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = CardEnrolmentAction.ID;

    private final CardValidators validators = CardValidators.SERVER;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Enrol a staff card";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new CardEnrolmentAction(validators);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
