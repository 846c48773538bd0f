package org.staffcard.authenticator.registration;

import org.keycloak.services.clientregistration.policy.ClientRegistrationPolicyException;

/** The app asks for a level of authentication (acr value) the realm does not let app teams choose. */
final class LevelNotAllowedException extends ClientRegistrationPolicyException {

    LevelNotAllowedException(String message) {
        super(message);
    }
}
