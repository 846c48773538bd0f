package org.staffcard.authenticator.registration;

import org.keycloak.services.clientregistration.policy.ClientRegistrationPolicyException;

/** An address of the registered app lies outside the prefixes the realm lets app teams use. */
final class RedirectUriNotAllowedException extends ClientRegistrationPolicyException {

    RedirectUriNotAllowedException(String message) {
        super(message);
    }
}
