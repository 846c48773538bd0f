package org.staffcard.it;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import java.security.cert.X509Certificate;

/**
 * The card settings of the staff realm's browser flow, changed as an admin would in the console: the card-only and
 * the card + password steps share them, and card enrolment checks new cards against them too.
 */
final class BrowserCardSettings {

    private BrowserCardSettings() {
    }

    /** Adds a CA to the trust anchors, keeping those already there. */
    static void trust(RealmResource realm, X509Certificate authority) {
        String id = realm.flows().getExecutions("staff card browser").stream()
                .filter(e -> "staff-card-password".equals(e.getProviderId()))
                .findFirst().orElseThrow().getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(id);
        config.getConfig().merge("staffcard.trustAnchorsPem", StaffCardsApi.pem(authority),
                (existing, added) -> existing + "\n" + added);
        realm.flows().updateAuthenticatorConfig(id, config);
    }
}
