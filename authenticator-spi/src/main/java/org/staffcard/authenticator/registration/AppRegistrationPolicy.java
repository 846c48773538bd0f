package org.staffcard.authenticator.registration;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientregistration.ClientRegistrationContext;
import org.keycloak.services.clientregistration.ClientRegistrationProvider;
import org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy;

/**
 * What an app team may register through the client registration endpoint: addresses inside the team's prefixes and
 * a level of authentication from the allowed set. Checked at registration and again at every update, since an
 * update through the registration access token could otherwise move the app anywhere afterwards.
 */
final class AppRegistrationPolicy implements ClientRegistrationPolicy {

    private static final Logger LOG = Logger.getLogger(AppRegistrationPolicy.class);

    private final String policyName;
    private final RedirectUriPrefixes prefixes;
    private final RegistrationLevels levels;

    AppRegistrationPolicy(String policyName, RedirectUriPrefixes prefixes, RegistrationLevels levels) {
        this.policyName = policyName;
        this.prefixes = prefixes;
        this.levels = levels;
    }

    @Override
    public void beforeRegister(ClientRegistrationContext context) {
        check(context.getClient());
    }

    @Override
    public void beforeUpdate(ClientRegistrationContext context, ClientModel client) {
        check(context.getClient());
    }

    private void check(ClientRepresentation client) {
        for (RegisteredAddresses.Address address : RegisteredAddresses.of(client)) {
            if (!prefixes.contains(address.value())) {
                LOG.debugf("Registration of '%s' refused by policy '%s': %s '%s' outside %s", client.getClientId(),
                        policyName, address.field(), address.value(), prefixes.describe());
                throw new RedirectUriNotAllowedException("The " + address.field() + " '" + address.value()
                        + "' is outside the addresses app teams may register: " + prefixes.describe()
                        + ". Use an absolute https address under one of them, or ask the realm's admin to add "
                        + "your app's prefix.");
            }
        }
        levels.check(client);
    }

    @Override
    public void afterRegister(ClientRegistrationContext context, ClientModel client) {
    }

    @Override
    public void afterUpdate(ClientRegistrationContext context, ClientModel client) {
    }

    @Override
    public void beforeView(ClientRegistrationProvider provider, ClientModel client) {
    }

    @Override
    public void beforeDelete(ClientRegistrationProvider provider, ClientModel client) {
    }
}
