package org.staffcard.it;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Card sign-in settings that sign-in cannot use are refused when an admin saves them through the admin REST API
 * (which the admin console uses), on the real distribution; other settings and other authenticators are untouched.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class CardSettingsSaveCheckTest {

    private static final String ANCHORS = "staffcard.trustAnchorsPem";
    private static final String NOT_A_CERTIFICATE = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n"
            + "-----END CERTIFICATE-----\n";

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    @Test
    void refusesUnparsableTrustAnchorsAndKeepsTheStoredSettings() {
        AuthenticatorConfigRepresentation stored = config("staff-card-password");
        AuthenticatorConfigRepresentation bad = copy(stored);
        assertThat(stored.getConfig().get(ANCHORS)).contains("BEGIN CERTIFICATE").isNotEqualTo(NOT_A_CERTIFICATE);
        bad.getConfig().put(ANCHORS, NOT_A_CERTIFICATE);
        bad.getConfig().put("staffcard.revocationConnectTimeoutMillis", "soon");

        BadRequestException refused = catchThrowableOfType(
                () -> realm.admin().flows().updateAuthenticatorConfig(stored.getId(), bad), BadRequestException.class);

        assertThat(refused).as("the save is refused").isNotNull();
        String body = refused.getResponse().readEntity(String.class);
        assertThat(body).contains("\"error\":\"invalid_card_settings\"")
                .contains(ANCHORS + ": ")
                .contains("staffcard.revocationConnectTimeoutMillis: 'soon' is not a whole number. "
                        + "write a whole number");
        assertThat(config("staff-card-password").getConfig()).isEqualTo(stored.getConfig());
    }

    @Test
    void refusesABadConfigCreatedForACardStep() {
        String executionId = realm.admin().flows().getExecutions("staff card direct grant").stream()
                .filter(e -> "staff-card-direct-grant".equals(e.getProviderId())).findFirst().orElseThrow().getId();
        String before = config("staff card direct grant", "staff-card-direct-grant").getId();
        AuthenticatorConfigRepresentation bad = new AuthenticatorConfigRepresentation();
        bad.setAlias("broken card settings");
        bad.setConfig(new HashMap<>(Map.of(ANCHORS, NOT_A_CERTIFICATE, "staffcard.allowedAlgorithms", "md5")));

        try (Response answer = realm.admin().flows().newExecutionConfig(executionId, bad)) {
            assertThat(answer.getStatus()).isEqualTo(400);
            assertThat(answer.readEntity(String.class)).contains("\"error\":\"invalid_card_settings\"")
                    .contains("staffcard.allowedAlgorithms: allows no known algorithm");
        }
        assertThat(config("staff card direct grant", "staff-card-direct-grant").getId()).isEqualTo(before);
    }

    @Test
    void storesAGoodChange() {
        AuthenticatorConfigRepresentation stored = config("staff-card-password");
        AuthenticatorConfigRepresentation changed = copy(stored);
        changed.getConfig().put("staffcard.clockSkewSeconds", "90");
        try {
            realm.admin().flows().updateAuthenticatorConfig(stored.getId(), changed);

            assertThat(config("staff-card-password").getConfig()).containsEntry("staffcard.clockSkewSeconds", "90");
        } finally {
            realm.admin().flows().updateAuthenticatorConfig(stored.getId(), stored);
        }
    }

    @Test
    void leavesOtherAuthenticatorsConfigsAlone() {
        AuthenticatorConfigRepresentation stored = config("staff card browser", "conditional-level-of-authentication");
        AuthenticatorConfigRepresentation changed = copy(stored);
        // A card setting's key with a bad value means nothing to another authenticator and must not stop its save.
        changed.getConfig().put(ANCHORS, NOT_A_CERTIFICATE);
        try {
            realm.admin().flows().updateAuthenticatorConfig(stored.getId(), changed);

            assertThat(realm.admin().flows().getAuthenticatorConfig(stored.getId()).getConfig())
                    .containsEntry(ANCHORS, NOT_A_CERTIFICATE);
        } finally {
            realm.admin().flows().updateAuthenticatorConfig(stored.getId(), stored);
        }
    }

    @Test
    void callerWithoutTokenGetsKeycloaksOwnAnswer() throws Exception {
        AuthenticatorConfigRepresentation stored = config("staff-card-password");
        String body = "{\"alias\":\"" + stored.getAlias() + "\",\"config\":{\"" + ANCHORS + "\":\"nonsense\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(CardStack.KEYCLOAK_ORIGIN + "/admin/realms/"
                        + realm.getName() + "/authentication/config/" + stored.getId()))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("invalid_card_settings");
        assertThat(config("staff-card-password").getConfig()).isEqualTo(stored.getConfig());
    }

    private AuthenticatorConfigRepresentation config(String providerId) {
        return config("staff card browser", providerId);
    }

    private AuthenticatorConfigRepresentation config(String flow, String providerId) {
        String id = realm.admin().flows().getExecutions(flow).stream()
                .filter(e -> providerId.equals(e.getProviderId()))
                .findFirst().orElseThrow().getAuthenticationConfig();
        return realm.admin().flows().getAuthenticatorConfig(id);
    }

    private static AuthenticatorConfigRepresentation copy(AuthenticatorConfigRepresentation stored) {
        AuthenticatorConfigRepresentation copy = new AuthenticatorConfigRepresentation();
        copy.setId(stored.getId());
        copy.setAlias(stored.getAlias());
        copy.setConfig(new HashMap<>(stored.getConfig()));
        return copy;
    }
}
