package org.staffcard.authenticator;

import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Registers the "Enrol a staff card" required action; admins see it under Authentication, Required actions, and
 * can set it on an account so its holder binds a new card at the next sign-in with card and password.
 */
public final class CardEnrolmentActionFactory implements RequiredActionFactory,
        StatelessProviderFactory<RequiredActionProvider> {

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
}
