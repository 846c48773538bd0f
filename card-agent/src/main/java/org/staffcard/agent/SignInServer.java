package org.staffcard.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The three requests {@code login} makes to the sign-in server: a challenge, the token exchange and the realm's
 * signing keys. Redirects are never followed, so a misdirected answer cannot send the password elsewhere, and every
 * wait is bounded.
 */
final class SignInServer {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Token responses are a few kilobytes; anything far larger is not one. */
    static final int MAX_ANSWER_CHARS = 256 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI realm;
    private final HttpClient http;

    SignInServer(URI realm) {
        this.realm = realm;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A challenge, the origin to sign for and whether the password is needed. */
    record DeviceChallenge(String challenge, String origin, boolean passwordRequired, String acr) {
    }

    /** The server's answer: its HTTP status and JSON body. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status == 200;
        }

        String field(String name) {
            return body.path(name).asText("");
        }
    }

    DeviceChallenge challenge(String clientId) throws LoginFailedException {
        Answer answer = post(URI.create(realm + "/staff-card/challenge"), Map.of("client_id", clientId));
        if (!answer.ok()) {
            if (answer.field("error").equals("invalid_client")) {
                throw new LoginFailedException(LoginExit.CLIENT_REFUSED, "the server does not know client '"
                        + clientId + "' as a card device client", "an admin enables the client, allows direct "
                        + "grants and binds its direct grant flow to 'staff card direct grant'");
            }
            throw unexpected("the challenge request", answer);
        }
        JsonNode body = answer.body();
        if (!body.path("challenge").isTextual() || !body.path("origin").isTextual()
                || !body.path("password_required").isBoolean()) {
            throw unexpected("the challenge request", answer);
        }
        return new DeviceChallenge(body.path("challenge").asText(), body.path("origin").asText(),
                body.path("password_required").asBoolean(), body.path("acr").asText(""));
    }

    Answer token(Map<String, String> form) throws LoginFailedException {
        return post(URI.create(realm + "/protocol/openid-connect/token"), form);
    }

    JsonNode signingKeys() throws LoginFailedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/certs"))
                .timeout(REQUEST_TIMEOUT).GET().build();
        Answer answer = send(request);
        if (!answer.ok()) {
            throw unexpected("the signing key request", answer);
        }
        return answer.body();
    }

    private Answer post(URI address, Map<String, String> form) throws LoginFailedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(address).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return send(request);
    }

    private Answer send(HttpRequest request) throws LoginFailedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LoginFailedException(LoginExit.SERVER, "cannot reach the sign-in server at "
                    + request.uri().getHost() + ": " + e, "check the network and the --server address", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailedException(LoginExit.SERVER, "interrupted while waiting for the sign-in server",
                    "try again", e);
        }
        String text = response.body();
        if (text.length() > MAX_ANSWER_CHARS) {
            throw new LoginFailedException(LoginExit.SERVER, "the server's answer to " + request.uri().getPath()
                    + " is larger than " + MAX_ANSWER_CHARS + " characters", "check the --server address");
        }
        try {
            return new Answer(response.statusCode(), JSON.readTree(text.isEmpty() ? "{}" : text));
        } catch (IOException e) {
            throw new LoginFailedException(LoginExit.SERVER, "the server answered " + request.uri().getPath()
                    + " with HTTP " + response.statusCode() + " and no JSON", "check the --server address and "
                    + "--realm; is this the staff sign-in server?", e);
        }
    }

    private static LoginFailedException unexpected(String what, Answer answer) {
        String error = answer.field("error");
        return new LoginFailedException(LoginExit.SERVER, what + " failed with HTTP " + answer.status()
                + (error.isEmpty() ? "" : " (" + error + ": " + answer.field("error_description") + ")"),
                "check --server and --realm; if they are right, an admin reads the server log");
    }
}
