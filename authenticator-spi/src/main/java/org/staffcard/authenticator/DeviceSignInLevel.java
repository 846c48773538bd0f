package org.staffcard.authenticator;

import org.keycloak.models.ClientModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;

import java.util.List;
import java.util.Map;

/**
 * What a device client's sign-in proves, read from the client's <em>Default ACR values</em> in the admin console:
 * card only ({@code card}, level 1) for an attendance terminal, card and password ({@code card-password}, level 2)
 * for a PC logon. A client that names no level, or a level this realm's ACR map does not place at 1 or below, gets
 * card and password: a missing setting must never drop the password.
 */
enum DeviceSignInLevel {

    CARD(1, "card"),
    CARD_PASSWORD(2, "card-password");

    private final int loa;
    private final String acr;

    DeviceSignInLevel(int loa, String acr) {
        this.loa = loa;
        this.acr = acr;
    }

    static DeviceSignInLevel of(ClientModel client) {
        List<String> defaults = AcrUtils.getDefaultAcrValues(client);
        if (defaults.isEmpty()) {
            return CARD_PASSWORD;
        }
        Map<String, Integer> levels = AcrUtils.getAcrLoaMap(client);
        boolean cardOnly = defaults.stream().allMatch(acr -> {
            Integer level = levels.get(acr);
            return level != null && level <= CARD.loa;
        });
        return cardOnly ? CARD : CARD_PASSWORD;
    }

    int loa() {
        return loa;
    }

    String acr() {
        return acr;
    }

    boolean needsPassword() {
        return this == CARD_PASSWORD;
    }
}
