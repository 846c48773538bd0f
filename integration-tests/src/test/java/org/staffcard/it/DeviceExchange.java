package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A device's two requests made by hand, as a terminal's own program would: a challenge from the staff-card endpoint
 * and the direct grant at the token endpoint. Tests of the server's rules use it where the agent's login command
 * would hide the answer behind an exit code.
 */
final class DeviceExchange {

    static final String REALM_URL = CardStack.KEYCLOAK_ORIGIN + "/realms/staff";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    record Answer(int status, JsonNode body) {
        String field(String name) {
            return body.path(name).asText();
        }
    }

    private DeviceExchange() {
    }

    static Answer challenge(String clientId) throws IOException, InterruptedException {
        return challenge(REALM_URL, clientId);
    }

    static Answer challenge(String realmUrl, String clientId) throws IOException, InterruptedException {
        return post(realmUrl + "/staff-card/challenge", form(Map.of("client_id", clientId)));
    }

    /** The card direct grant; {@code password} is left out when null. */
    static Answer exchange(String clientId, String secret, String challenge, String assertion, String password)
            throws IOException, InterruptedException {
        return exchange(REALM_URL, clientId, secret, challenge, assertion, password);
    }

    static Answer exchange(String realmUrl, String clientId, String secret, String challenge, String assertion,
                           String password) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "password");
        fields.put("client_id", clientId);
        fields.put("client_secret", secret);
        fields.put("scope", "openid");
        fields.put("card_challenge", challenge);
        fields.put("card_assertion", assertion);
        if (password != null) {
            fields.put("password", password);
        }
        return post(realmUrl + "/protocol/openid-connect/token", form(fields));
    }

    /** An ordinary resource owner password grant, as any OAuth client library would send it. */
    static Answer plainPasswordGrant(String clientId, String secret, String username, String password)
            throws IOException, InterruptedException {
        return post(REALM_URL + "/protocol/openid-connect/token", form(Map.of("grant_type", "password",
                "client_id", clientId, "client_secret", secret, "username", username, "password", password,
                "scope", "openid")));
    }

    static Answer post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body().isEmpty() ? "{}" : response.body();
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            json = JSON.createObjectNode().put("unparsed", text);
        }
        return new Answer(response.statusCode(), json);
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
