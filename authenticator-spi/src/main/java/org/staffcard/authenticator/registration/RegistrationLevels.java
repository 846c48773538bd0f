package org.staffcard.authenticator.registration;

import org.keycloak.models.Constants;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The levels of authentication (acr values) an app team may give its app, as its default ({@code default_acr_values}
 * in the registration) or its minimum. An OpenID Connect app must name one: an app that names none is signed in at
 * the lowest level of the browser flow, which a business app should never get by omission.
 */
final class RegistrationLevels {

    private static final String OIDC = "openid-connect";
    /** How Keycloak joins several values of one client attribute. */
    private static final String DELIMITER = "##";

    private final Set<String> allowed;

    RegistrationLevels(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /**
     * @throws LevelMissingException when an OpenID Connect app names no level
     * @throws LevelNotAllowedException when it names one outside the allowed set
     */
    void check(ClientRepresentation client) {
        Map<String, String> attributes = client.getAttributes() == null ? Map.of() : client.getAttributes();
        List<String> named = new ArrayList<>(split(attributes.get(Constants.DEFAULT_ACR_VALUES)));
        named.addAll(split(attributes.get(Constants.MINIMUM_ACR_VALUE)));

        for (String level : named) {
            if (!allowed.contains(level)) {
                throw new LevelNotAllowedException("Level of authentication '" + level + "' is not one app teams "
                        + "may register; use one of " + sorted() + " in default_acr_values.");
            }
        }
        boolean oidc = client.getProtocol() == null || OIDC.equals(client.getProtocol());
        if (oidc && named.isEmpty()) {
            throw new LevelMissingException("Name the level of authentication your app needs in "
                    + "default_acr_values, one of " + sorted() + ".");
        }
    }

    private List<String> sorted() {
        return allowed.stream().sorted().toList();
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(DELIMITER)).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }
}
