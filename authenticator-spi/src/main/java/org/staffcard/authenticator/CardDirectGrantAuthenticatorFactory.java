package org.staffcard.authenticator;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Registers the card sign-in for devices (direct grant) with Keycloak; shown in the admin console's flow editor. */
public final class CardDirectGrantAuthenticatorFactory implements AuthenticatorFactory, AuthenticationMethods,
        StatelessProviderFactory<Authenticator> {

    public static final String PROVIDER_ID = "staff-card-direct-grant";

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    private final CardValidators validators = CardValidators.SERVER;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Staff card for devices (direct grant)";
    }

    /** As for the browser form: only this category makes Keycloak's brute-force protector count our failures. */
    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Signs a staff member in on a device without a browser (PC logon, printer, attendance terminal): the "
                + "device redeems a challenge from /realms/{realm}/staff-card/challenge with a card signature, and "
                + "the password when the client's default ACR is card-password. The client's default ACR also sets the "
                + "level of authentication.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        // A device has no card agent to probe, and its level comes from the client, so those two settings are left out.
        return CardAuthenticatorConfig.properties().stream()
                .filter(property -> !property.getName().equals(CardAuthenticatorConfig.AGENT_PORTS))
                .filter(property -> !property.getName().equals(CardAuthenticatorConfig.LEVEL_OF_AUTHENTICATION))
                .toList();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new CardDirectGrantAuthenticator(validators);
    }

    /** Without a client the stronger claim is not made: the card's key and PIN are all a device step surely proves. */
    @Override
    public List<String> amrValues() {
        return List.of(HARDWARE_KEY, PIN);
    }

    @Override
    public List<String> amrValues(ClientModel client) {
        return DeviceSignInLevel.of(client) == DeviceSignInLevel.CARD ? amrValues()
                : List.of(HARDWARE_KEY, PIN, PASSWORD);
    }
}
