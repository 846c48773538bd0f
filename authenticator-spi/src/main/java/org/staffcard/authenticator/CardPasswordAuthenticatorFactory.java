package org.staffcard.authenticator;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Registers the staff card + password form with Keycloak; shown in the admin console's flow editor. */
public final class CardPasswordAuthenticatorFactory implements AuthenticatorFactory, AuthenticationMethods {

    public static final String PROVIDER_ID = "staff-card-password";

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.ALTERNATIVE,
            Requirement.DISABLED};

    private final CardValidators validators = CardValidators.SERVER;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Staff card and password";
    }

    /**
     * Keycloak's brute-force protector only counts failures of authenticators in the password, OTP and recovery
     * code categories; any other category would let card + password guesses run without ever locking the account.
     */
    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Signs a staff member in with a signature made by their IC card (through the card agent on their PC) "
                + "and their password. Configure the trust anchors that issue the cards.";
    }

    /** One run proves that the card signed after checking its PIN, and the password was right. */
    @Override
    public List<String> amrValues() {
        return List.of(HARDWARE_KEY, PIN, PASSWORD);
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
        return new CardPasswordAuthenticator(validators);
    }

    @Override
    public void init(Config.Scope config) {
    }

    /** Reviews every realm's card settings once the server has started (see {@link StartupSettingsReport}). */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        StartupSettingsReport.register(factory);
    }

    @Override
    public void close() {
    }
}
