package org.staffcard.it;

/** The two ways the throughput is measured: the staff card with a password, and a password alone. */
enum SignInPath {

    /** The realm's browser flow: the card signs the page's challenge and the password is posted with it. */
    CARD_AND_PASSWORD("card + password", OidcLogin.CLIENT_ID, OidcLogin.CLIENT_SECRET),

    /** A client whose browser flow is overridden to Keycloak's username and password form, nothing else. */
    PASSWORD_ONLY("password only", ThroughputRealm.PASSWORD_CLIENT_ID, ThroughputRealm.PASSWORD_CLIENT_SECRET);

    private final String label;
    private final String clientId;
    private final String clientSecret;

    SignInPath(String label, String clientId, String clientSecret) {
        this.label = label;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    String label() {
        return label;
    }

    String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }
}
