package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The staff card admin API ({@code /realms/<realm>/staff-cards}) as a script calls it: JSON over HTTP with an
 * admin's bearer token. Users are named by username or id.
 */
final class StaffCardsApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Supplier<String> token;
    private final HttpClient http = HttpClient.newHttpClient();

    /** One answer: the HTTP status and the JSON body (an empty object when there is none). */
    record Answer(int status, JsonNode body, String cacheControl) {
    }

    StaffCardsApi(String serverUrl, String realm, Supplier<String> token) {
        this.base = serverUrl + "/realms/" + realm + "/staff-cards";
        this.token = token;
    }

    Answer bind(String user, String cardUserId, X509Certificate certificate, String profile) {
        ObjectNode body = JSON.createObjectNode();
        body.put("cardUserId", cardUserId);
        body.put("certificate", pem(certificate));
        if (profile != null) {
            body.put("profile", profile);
        }
        return send("POST", "/users/" + segment(user) + "/cards", body.toString());
    }

    Answer list(String user) {
        return send("GET", "/users/" + segment(user) + "/cards", null);
    }

    Answer revoke(String user, String cardId, String reason, String note) {
        ObjectNode body = JSON.createObjectNode();
        body.put("reason", reason);
        if (note != null) {
            body.put("note", note);
        }
        return send("POST", "/users/" + segment(user) + "/cards/" + segment(cardId) + "/revoke", body.toString());
    }

    Answer issueEnrolmentCode(String user) {
        return send("POST", "/users/" + segment(user) + "/enrolment-code", "{}");
    }

    /** Any call, with a raw body, for the tests of bad input. */
    Answer send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/json");
        String bearer = token.get();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
            return new Answer(answer.statusCode(), json, answer.headers().firstValue("Cache-Control").orElse(""));
        } catch (IOException e) {
            throw new AssertionError("the staff-cards API did not answer " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
