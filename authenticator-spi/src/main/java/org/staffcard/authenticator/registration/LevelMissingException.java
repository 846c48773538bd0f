package org.staffcard.authenticator.registration;

import org.keycloak.services.clientregistration.policy.ClientRegistrationPolicyException;

/** An OpenID Connect app did not name the level of authentication it needs. */
final class LevelMissingException extends ClientRegistrationPolicyException {

    LevelMissingException(String message) {
        super(message);
    }
}
