package org.staffcard.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A confidential client of the staff realm whose service account holds some {@code realm-management} roles: the
 * identity an admin's script uses for the staff-cards API, as the admin guide sets it up. Its secret is derived
 * from its client ID, which is fine only on a test server.
 */
final class ServiceAccountClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientId;
    private final String serviceAccountUserId;

    private ServiceAccountClient(String clientId, String serviceAccountUserId) {
        this.clientId = clientId;
        this.serviceAccountUserId = serviceAccountUserId;
    }

    /** The client with this ID, created with the given roles when the realm does not have it yet. */
    static ServiceAccountClient in(RealmResource realm, String clientId, String... roles) {
        if (realm.clients().findByClientId(clientId).isEmpty()) {
            create(realm, clientId, roles);
        }
        String id = realm.clients().findByClientId(clientId).get(0).getId();
        return new ServiceAccountClient(clientId, realm.clients().get(id).getServiceAccountUser().getId());
    }

    /** The staff-cards API called with this client's tokens, a fresh one per call. */
    StaffCardsApi staffCardsApi() {
        return staffCardsApi(CardStack.KEYCLOAK_ORIGIN);
    }

    /** The same, on the server at {@code serverUrl}, such as one node of a cluster. */
    StaffCardsApi staffCardsApi(String serverUrl) {
        return new StaffCardsApi(serverUrl, "staff", () -> accessToken(serverUrl));
    }

    /** The id of the user Keycloak keeps for the service account: the one admin events name as having acted. */
    String serviceAccountUserId() {
        return serviceAccountUserId;
    }

    String accessToken() {
        return accessToken(CardStack.KEYCLOAK_ORIGIN);
    }

    private String accessToken(String serverUrl) {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + URLEncoder.encode(clientId + "-secret", StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(serverUrl
                        + "/realms/staff/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("token for " + clientId + ": " + answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void create(RealmResource realm, String clientId, String... roles) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setSecret(clientId + "-secret");
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        realm.clients().create(client).close();

        String id = realm.clients().findByClientId(clientId).get(0).getId();
        String serviceUser = realm.clients().get(id).getServiceAccountUser().getId();
        String management = realm.clients().findByClientId("realm-management").get(0).getId();
        List<RoleRepresentation> granted = Arrays.stream(roles)
                .map(role -> realm.clients().get(management).roles().get(role).toRepresentation())
                .toList();
        realm.users().get(serviceUser).roles().clientLevel(management).add(granted);
    }
}
