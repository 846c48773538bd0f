package org.staffcard.authenticator.registration;

import org.keycloak.representations.idm.ClientRepresentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every address in a client registration that the server later redirects a browser to, posts a sign-in or logout
 * to, or fetches itself: the redirect URIs, the app's root, base and admin URLs, the logout URLs, the SAML
 * endpoints and the key set URL. All of them must stay inside the app team's prefixes, or a registration could send
 * tokens to, or make this server call, an address nobody approved.
 */
final class RegisteredAddresses {

    private static final String DELIMITER = "##";
    /** Keycloak's way of saying "the same as the redirect URIs" for post-logout addresses. */
    private static final String SAME_AS_REDIRECTS = "+";

    private static final List<String> ADDRESS_ATTRIBUTES = List.of(
            "post.logout.redirect.uris", "backchannel.logout.url", "frontchannel.logout.url", "jwks.url",
            "request.uris", "saml_assertion_consumer_url_post", "saml_assertion_consumer_url_redirect",
            "saml_assertion_consumer_url_artifact", "saml_single_logout_service_url_post",
            "saml_single_logout_service_url_redirect", "saml_single_logout_service_url_artifact",
            "saml_single_logout_service_url_soap", "saml_artifact_resolution_service_url");

    private RegisteredAddresses() {
    }

    /** Each address with the name of the field it came from, so a refusal can say which one to change. */
    record Address(String field, String value) {
    }

    static List<Address> of(ClientRepresentation client) {
        List<Address> addresses = new ArrayList<>();
        if (client.getRedirectUris() != null) {
            client.getRedirectUris().forEach(uri -> addresses.add(new Address("redirect URI", uri)));
        }
        addIfSet(addresses, "root URL", client.getRootUrl());
        addIfSet(addresses, "base URL", client.getBaseUrl());
        addIfSet(addresses, "admin URL", client.getAdminUrl());

        Map<String, String> attributes = client.getAttributes() == null ? Map.of() : client.getAttributes();
        for (String name : ADDRESS_ATTRIBUTES) {
            String value = attributes.get(name);
            if (value == null) {
                continue;
            }
            Arrays.stream(value.split(DELIMITER)).map(String::trim)
                    .filter(part -> !part.isEmpty() && !part.equals(SAME_AS_REDIRECTS))
                    .forEach(part -> addresses.add(new Address(name, part)));
        }
        return addresses;
    }

    private static void addIfSet(List<Address> addresses, String field, String value) {
        if (value != null && !value.isBlank()) {
            addresses.add(new Address(field, value.trim()));
        }
    }
}
