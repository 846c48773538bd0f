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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One OIDC authorization-code sign-in with PKCE against the staff realm, driven over plain HTTP as a relying party
 * and a browser without script would: fetch the login page, post the form, follow to the redirect, redeem the code.
 */
final class OidcLogin {

    static final String CLIENT_ID = "demo-web-app";
    static final String CLIENT_SECRET = "demo-web-app-secret";
    static final String REDIRECT_URI = "http://127.0.0.1:8081/callback";

    private static final Pattern CHALLENGE = Pattern.compile("data-challenge=\"([A-Za-z0-9_-]{43})\"");
    private static final Pattern ACTION = Pattern.compile("id=\"staff-card-form\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern ENROL_ACTION =
            Pattern.compile("id=\"staff-card-enrol-(?:form|link)\"[^>]*action=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A relying party of the staff realm; a public client has no secret. */
    record Client(String clientId, String secret, String redirectUri) {
    }

    static final Client DEMO_WEB_APP = new Client(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI);

    private final String realmUrl;
    private final HttpClient http;
    private final String verifier;
    private Client client = DEMO_WEB_APP;

    OidcLogin(String serverUrl) {
        this.realmUrl = serverUrl + "/realms/staff";
        this.http = HttpClient.newBuilder().cookieHandler(new LoopbackCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.verifier = base64Url(random);
    }

    /** Opens the authorization endpoint and answers the card login page it shows. */
    LoginPage open() throws IOException, InterruptedException {
        HttpResponse<String> page = get(authorizationUrl());
        return LoginPage.parse(page.body());
    }

    /** The authorization request of the demo web app, with this login's PKCE challenge, asking for English pages. */
    String authorizationUrl() {
        return authorizationUrl(Map.of());
    }

    /**
     * The authorization request of the current client with extra parameters, such as {@code acr_values}. The same
     * browser (its cookies) serves every request of this login, so a second one can ride on single sign-on.
     */
    String authorizationUrl(Map<String, String> extra) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("client_id", client.clientId(),
                "redirect_uri", client.redirectUri(), "response_type", "code", "scope", "openid", "state", "s1",
                "code_challenge", s256(verifier), "code_challenge_method", "S256", "ui_locales", "en"));
        parameters.putAll(extra);
        return realmUrl + "/protocol/openid-connect/auth?" + form(parameters);
    }

    /** Makes the following requests those of another relying party, in the same browser. */
    OidcLogin as(Client relyingParty) {
        this.client = relyingParty;
        return this;
    }

    /** Opens the authorization endpoint with extra parameters and answers the card login page it shows. */
    LoginPage open(Map<String, String> extra) throws IOException, InterruptedException {
        return LoginPage.parse(get(authorizationUrl(extra)).body());
    }

    /** Posts the card-only login form, which has no password field. */
    HttpResponse<String> submit(LoginPage page, String assertion) throws IOException, InterruptedException {
        return post(page, Map.of("cardAssertion", assertion));
    }

    /** Posts the card login form; the answer is either a redirect with a code or the page again with an error. */
    HttpResponse<String> submit(LoginPage page, String assertion, String password)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cardAssertion", assertion);
        fields.put("password", password);
        return post(page, fields);
    }

    private HttpResponse<String> post(LoginPage page, Map<String, String> fields)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(page.action()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Redeems the code from a successful sign-in's redirect and answers the token response. */
    JsonNode redeem(HttpResponse<String> redirect) throws IOException, InterruptedException {
        String location = redirect.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("no redirect after sign-in; page said: " + LoginPage.errorText(redirect.body())));
        return redeemCode(queryParameter(location, "code"));
    }

    /** Exchanges an authorization code, with this login's PKCE verifier and the client's secret, for tokens. */
    JsonNode redeemCode(String code) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", client.redirectUri(), "client_id", client.clientId(), "code_verifier", verifier));
        if (client.secret() != null) {
            fields.put("client_secret", client.secret());
        }
        String body = form(fields);
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> tokens = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + tokens.statusCode() + ": " + tokens.body());
        }
        return JSON.readTree(tokens.body());
    }

    /** Asks the token endpoint for new tokens with a refresh token; answers the raw response. */
    HttpResponse<String> refresh(String refreshToken) throws IOException, InterruptedException {
        return post(realmUrl + "/protocol/openid-connect/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
    }

    /** Posts a form in this login's browser (its cookies), without following the answer. */
    HttpResponse<String> post(String url, Map<String, String> fields) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String realmUrl() {
        return realmUrl;
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        while (response.statusCode() == 302 || response.statusCode() == 303) {
            String next = response.headers().firstValue("Location").orElseThrow();
            if (next.startsWith(client.redirectUri())) {
                return response;
            }
            response = http.send(HttpRequest.newBuilder(URI.create(next)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    /** Where the login page's "first time with this card" link, or the enrolment account page, posts to. */
    static String enrolFormAction(String html) {
        Matcher action = ENROL_ACTION.matcher(html);
        if (!action.find()) {
            throw new AssertionError("no enrolment form in " + html.substring(0, Math.min(400, html.length())));
        }
        return action.group(1).replace("&amp;", "&");
    }

    static String queryParameter(String url, String name) {
        Matcher m = Pattern.compile("[?&]" + name + "=([^&#]+)").matcher(url);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + url);
        }
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String s256(String value) {
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The parts of the card login page a client needs: the challenge to sign and where to post. */
    record LoginPage(String challenge, String action, String html) {

        static LoginPage parse(String html) {
            Matcher challenge = CHALLENGE.matcher(html);
            Matcher action = ACTION.matcher(html);
            if (!challenge.find() || !action.find()) {
                throw new AssertionError("not the card login page: " + html.substring(0, Math.min(600, html.length())));
            }
            return new LoginPage(challenge.group(1), action.group(1).replace("&amp;", "&"), html);
        }

        static String errorText(String html) {
            Matcher m = Pattern.compile("kc-feedback-text[^>]*>([^<]*)<|pf-v5-c-alert__title[^>]*>\\s*([^<]*)<")
                    .matcher(html);
            return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)).trim() : "";
        }
    }
}
