package org.staffcard.staffimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The few calls of Keycloak's admin REST API the import makes, on one realm. The access token is fetched again a
 * little before it expires: the master realm's admin tokens live one minute by default, shorter than a large import.
 */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(15);

    private final String serverUrl;
    private final String realm;
    private final AdminCredentials credentials;
    private final HttpClient http;
    private String token;
    private Instant tokenExpiry = Instant.MIN;

    public AdminApi(String serverUrl, String realm, AdminCredentials credentials) {
        this.serverUrl = serverUrl.replaceAll("/+$", "");
        this.realm = realm;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** One page of the realm's accounts with their attributes. */
    List<ExistingAccount> users(int first, int max) throws AdminApiException {
        JsonNode page = send("GET", "/users?briefRepresentation=false&first=" + first + "&max=" + max, null);
        List<ExistingAccount> accounts = new ArrayList<>();
        for (JsonNode user : page) {
            JsonNode attributes = user.path("attributes");
            List<String> cardUserIds = new ArrayList<>();
            attributes.path("cardUserId").forEach(value -> cardUserIds.add(value.asText()));
            accounts.add(new ExistingAccount(user.path("id").asText(), text(user.path("username")),
                    text(user.path("email")), text(attributes.path("staffNumber").path(0)), cardUserIds));
        }
        return accounts;
    }

    int userCount() throws AdminApiException {
        return send("GET", "/users/count", null).asInt();
    }

    /** The ID of the group at {@code path} ({@code /総務部/人事課}), if there is one. */
    Optional<String> groupAt(List<String> path) throws AdminApiException {
        String encoded = path.stream().map(AdminApi::pathSegment).collect(Collectors.joining("/"));
        try {
            return Optional.of(send("GET", "/group-by-path/" + encoded, null).path("id").asText());
        } catch (AdminApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates a group under {@code parentId}, or at the top when that is null, and answers its ID. */
    String createGroup(String parentId, String name) throws AdminApiException {
        String path = parentId == null ? "/groups" : "/groups/" + pathSegment(parentId) + "/children";
        return send("POST", path, JSON.createObjectNode().put("name", name)).path("id").asText();
    }

    /** Keycloak's partial import of users, skipping any that exist by user name or email. */
    JsonNode partialImport(JsonNode users) throws AdminApiException {
        return send("POST", "/partialImport",
                JSON.createObjectNode().put("ifResourceExists", "SKIP").set("users", users));
    }

    private JsonNode send(String method, String path, JsonNode body) throws AdminApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl + "/admin/realms/"
                        + pathSegment(realm) + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }

        HttpResponse<String> response = exchange(request.build(), method + " " + path);
        if (response.statusCode() == 201 && response.body().isBlank()) {
            // A new top-level group is answered with its address only; a new subgroup with its representation.
            String location = response.headers().firstValue("Location").orElse("");
            return JSON.createObjectNode().put("id", location.substring(location.lastIndexOf('/') + 1));
        }
        if (response.statusCode() / 100 != 2) {
            throw refusal(response, method + " " + path);
        }
        return parse(response.body());
    }

    private String token() throws AdminApiException {
        if (token != null && Instant.now().isBefore(tokenExpiry.minus(RENEW_BEFORE_EXPIRY))) {
            return token;
        }
        Map<String, String> form = credentials.isClient()
                ? Map.of("grant_type", "client_credentials", "client_id", credentials.clientId(),
                        "client_secret", credentials.clientSecret())
                : Map.of("grant_type", "password", "client_id", credentials.clientId(),
                        "username", credentials.username(), "password", credentials.password());
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(serverUrl + "/realms/"
                        + pathSegment(credentials.realm()) + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build();

        HttpResponse<String> response = exchange(request, "sign-in to realm " + credentials.realm());
        if (response.statusCode() != 200) {
            throw new AdminApiException(response.statusCode(), "Keycloak refused the admin credentials for realm "
                    + credentials.realm() + " (HTTP " + response.statusCode() + "); check " + AdminCredentials.USER
                    + "/" + AdminCredentials.PASSWORD + " or " + AdminCredentials.CLIENT_ID + "/"
                    + AdminCredentials.CLIENT_SECRET + " and --auth-realm");
        }
        JsonNode answer = parse(response.body());
        token = answer.path("access_token").asText();
        tokenExpiry = Instant.now().plusSeconds(answer.path("expires_in").asLong(60));
        return token;
    }

    private HttpResponse<String> exchange(HttpRequest request, String what) throws AdminApiException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AdminApiException(0, "cannot reach Keycloak at " + serverUrl + " for " + what + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiException(0, "interrupted during " + what);
        }
    }

    private static AdminApiException refusal(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        String hint = switch (status) {
            case 401 -> "the admin token was refused";
            case 403 -> "the admin account needs the realm-management roles manage-users and manage-realm";
            case 404 -> "not found";
            default -> "Keycloak answered " + excerpt(response.body());
        };
        return new AdminApiException(status, what + " failed with HTTP " + status + ": " + hint);
    }

    private static JsonNode parse(String body) throws AdminApiException {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new AdminApiException(0, "Keycloak answered something that is not JSON: " + excerpt(body));
        }
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
