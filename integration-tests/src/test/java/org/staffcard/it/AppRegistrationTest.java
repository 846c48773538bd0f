package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientInitialAccessCreatePresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app team registers its OpenID Connect app itself, with an initial access token from the realm's admin, at the
 * real registration endpoint; the realm's policies keep it inside its address prefixes, levels and scopes.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class AppRegistrationTest {

    private static final String ENDPOINT = CardStack.KEYCLOAK_ORIGIN
            + "/realms/staff/clients-registrations/openid-connect";
    private static final String CALLBACK = "http://localhost:8090/payroll/callback";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    @Test
    void appTeamRegistersAnAppAtTheCardPasswordLevelAndItsSignInAsksForCardAndPassword() throws Exception {
        HttpResponse<String> answer = register(initialAccessToken(), app(CALLBACK, List.of("card-password")));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode registered = JSON.readTree(answer.body());
        String clientId = registered.path("client_id").asText();
        assertThat(registered.path("default_acr_values").toString()).isEqualTo("[\"card-password\"]");
        assertThat(registered.path("registration_access_token").asText()).isNotEmpty();
        ClientRepresentation stored = realm.admin().clients().findByClientId(clientId).get(0);
        assertThat(stored.getAttributes()).containsEntry("default.acr.values", "card-password");

        OidcLogin login = new OidcLogin(CardStack.KEYCLOAK_ORIGIN).as(new OidcLogin.Client(clientId,
                registered.path("client_secret").asText(), CALLBACK));
        LoginPage page = login.open(Map.of());
        assertThat(page.html()).contains("name=\"password\"");
    }

    @Test
    void aRedirectUriOutsideTheAllowedPrefixesIsRefusedNamingIt() throws Exception {
        HttpResponse<String> answer = register(initialAccessToken(),
                app("https://payroll.attacker.example/callback", List.of("card-password")));

        assertRefused(answer, "redirect URI 'https://payroll.attacker.example/callback' is outside the addresses");
    }

    @Test
    void aHostThatOnlyStartsLikeAnAllowedOneIsRefused() throws Exception {
        HttpResponse<String> answer = register(initialAccessToken(),
                app("http://localhost.attacker.example:8090/payroll/callback", List.of("card-password")));

        assertRefused(answer, "is outside the addresses");
    }

    @Test
    void aLevelOutsideThePolicyIsRefusedNamingTheAllowedOnes() throws Exception {
        HttpResponse<String> answer = register(initialAccessToken(), app(CALLBACK, List.of("gold")));

        assertRefused(answer, "Level of authentication 'gold' is not one app teams may register");
        assertThat(answer.body()).contains("card-password");
    }

    @Test
    void anAppThatNamesNoLevelIsRefused() throws Exception {
        HttpResponse<String> answer = register(initialAccessToken(), app(CALLBACK, List.of()));

        assertRefused(answer, "Name the level of authentication your app needs in default_acr_values");
    }

    @Test
    void aScopeOutsideTheAllowedOnesIsRefused() throws Exception {
        ObjectNode app = app(CALLBACK, List.of("card-password"));
        app.put("scope", "openid profile offline_access");

        HttpResponse<String> answer = register(initialAccessToken(), app);

        assertRefused(answer, "Not permitted to use specified clientScope");
    }

    @Test
    void registrationWithoutAnInitialAccessTokenIsRefused() throws Exception {
        ObjectNode app = app(CALLBACK, List.of("card-password"));
        app.put("client_name", "payroll without a token");

        HttpResponse<String> answer = register(null, app);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(realm.admin().clients().findAll())
                .noneMatch(client -> "payroll without a token".equals(client.getName()));
    }

    private String initialAccessToken() {
        ClientInitialAccessCreatePresentation request = new ClientInitialAccessCreatePresentation(600, 1);
        return realm.admin().clientInitialAccess().create(request).getToken();
    }

    /** The registration request of the documentation's example app, with one redirect URI and the given levels. */
    private static ObjectNode app(String redirectUri, List<String> levels) {
        ObjectNode app = JSON.createObjectNode();
        app.put("client_name", "payroll");
        app.putArray("redirect_uris").add(redirectUri);
        app.putArray("grant_types").add("authorization_code");
        app.putArray("response_types").add("code");
        app.put("token_endpoint_auth_method", "client_secret_basic");
        if (!levels.isEmpty()) {
            levels.forEach(app.putArray("default_acr_values")::add);
        }
        return app;
    }

    private static HttpResponse<String> register(String token, ObjectNode app) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ENDPOINT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(app)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Keycloak answers a registration a policy refuses with 403 insufficient_scope and the policy's own words. */
    private static void assertRefused(HttpResponse<String> answer, String expected) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("error").asText()).isEqualTo("insufficient_scope");
        assertThat(error.path("error_description").asText()).contains(expected);
    }
}
