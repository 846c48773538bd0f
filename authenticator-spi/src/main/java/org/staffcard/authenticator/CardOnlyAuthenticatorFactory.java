package org.staffcard.authenticator;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Registers the card-only sign-in (the card's signature, no password) with Keycloak's flow editor. */
public final class CardOnlyAuthenticatorFactory implements AuthenticatorFactory, AuthenticationMethods,
        StatelessProviderFactory<Authenticator> {

    public static final String PROVIDER_ID = "staff-card-only";

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.ALTERNATIVE,
            Requirement.DISABLED};

    private final CardValidators validators = CardValidators.SERVER;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Staff card only";
    }

    /** In the password category for the same reason as the card + password form: bad signatures must count. */
    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Signs a staff member in with a signature made by their IC card (through the card agent on their PC) "
                + "and the PIN the card checks, without a password: the lower level, for attendance and door-side "
                + "terminals. Give it the same settings as the card and password step.";
    }

    /** One run proves that the card signed with its key after checking its PIN. */
    @Override
    public List<String> amrValues() {
        return List.of(HARDWARE_KEY, PIN);
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
        return CardAuthenticatorConfig.properties();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new CardOnlyAuthenticator(validators);
    }
}
