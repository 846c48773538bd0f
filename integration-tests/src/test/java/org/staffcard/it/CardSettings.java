package org.staffcard.it;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import java.security.cert.X509Certificate;

/**
 * The staff realm's two card settings, changed as an admin would in the console: the browser flow's, which the
 * card-only and the card + password steps share and card enrolment checks new cards against, and the device
 * direct grant's.
 */
final class CardSettings {

    private CardSettings() {
    }

    /** Adds a CA to the browser flow's trust anchors, keeping those already there. */
    static void trustInBrowser(RealmResource realm, X509Certificate authority) {
        trust(realm, "staff card browser", "staff-card-password", authority);
    }

    /** Adds a CA to the device direct grant's trust anchors, keeping those already there. */
    static void trustInDevices(RealmResource realm, X509Certificate authority) {
        trust(realm, "staff card direct grant", "staff-card-direct-grant", authority);
    }

    private static void trust(RealmResource realm, String flow, String step, X509Certificate authority) {
        String id = realm.flows().getExecutions(flow).stream()
                .filter(e -> step.equals(e.getProviderId()))
                .findFirst().orElseThrow().getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(id);
        config.getConfig().merge("staffcard.trustAnchorsPem", StaffCardsApi.pem(authority),
                (existing, added) -> existing + "\n" + added);
        realm.flows().updateAuthenticatorConfig(id, config);
    }
}
