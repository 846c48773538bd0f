package org.staffcard.authenticator.registration;

import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientregistration.policy.AbstractClientRegistrationPolicyFactory;
import org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Registers the app team policy among Keycloak's client registration policies (realm settings, Client registration).
 * Keycloak's own policies cover the client scopes, protocol mappers, consent and the number of clients; it has none
 * for address prefixes or levels of authentication, which this one adds.
 */
public final class AppRegistrationPolicyFactory extends AbstractClientRegistrationPolicyFactory {

    public static final String PROVIDER_ID = "staff-app-registration";
    static final String REDIRECT_URI_PREFIXES = "redirect-uri-prefixes";
    static final String ALLOWED_ACR_VALUES = "allowed-acr-values";

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(REDIRECT_URI_PREFIXES).type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .label("Allowed address prefixes")
            .helpText("Absolute http(s) addresses ending with '/'. Every redirect URI, logout URL, SAML endpoint "
                    + "and key set URL of a registered app must lie under one of them.")
            .add()
            .property().name(ALLOWED_ACR_VALUES).type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .label("Allowed levels (acr values)")
            .helpText("The acr values an app may take as default_acr_values; each must be in the realm's ACR to LoA "
                    + "mapping. An OpenID Connect app must name one.")
            .add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Keeps apps registered by app teams inside their address prefixes and the allowed levels of "
                + "authentication.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public ClientRegistrationPolicy create(KeycloakSession session, ComponentModel model) {
        return new AppRegistrationPolicy(model.getName(), prefixes(model), levels(model));
    }

    /** Refuses a setting that cannot work when the admin saves it, not at the first registration. */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        try {
            if (prefixes(model).describe().isEmpty()) {
                throw new ComponentValidationException("Give at least one allowed address prefix.");
            }
        } catch (IllegalArgumentException e) {
            throw new ComponentValidationException("Allowed address prefix " + e.getMessage());
        }
        Set<String> known = AcrUtils.getAcrLoaMap(realm).keySet();
        for (String level : model.getConfig().getOrDefault(ALLOWED_ACR_VALUES, List.of())) {
            if (!known.contains(level)) {
                throw new ComponentValidationException("Level '" + level + "' is not in the realm's ACR to LoA "
                        + "mapping " + known + ".");
            }
        }
    }

    private static RedirectUriPrefixes prefixes(ComponentModel model) {
        return RedirectUriPrefixes.of(model.getConfig().getOrDefault(REDIRECT_URI_PREFIXES, List.of()));
    }

    private static RegistrationLevels levels(ComponentModel model) {
        return new RegistrationLevels(new HashSet<>(model.getConfig().getOrDefault(ALLOWED_ACR_VALUES, List.of())));
    }
}
