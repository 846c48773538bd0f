package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.staffcard.it.OidcLogin.LoginPage;

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
 * One staff member's browser and the relying party behind it, signing in again and again over plain HTTP: open the
 * authorization URL, read the login page, post the form, take the code from the redirect to the relying party and
 * redeem it at the token endpoint. Each sign-in starts with no cookies; the HTTP client is kept between sign-ins.
 */
final class SimulatedBrowser {

    /** Keycloak's own username and password page (keycloak.v2 theme). */
    private static final Pattern PASSWORD_FORM_ACTION = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;
    private final String origin;
    private final ThroughputRealm.StaffAccount account;
    private final FreshCookieJar cookies = new FreshCookieJar();
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    SimulatedBrowser(String publicUrl, ThroughputRealm.StaffAccount account) {
        this.realmUrl = publicUrl + "/realms/staff";
        this.origin = publicUrl;
        this.account = account;
        // HTTP/1.1 as a browser speaks to a plain-HTTP balancer; no redirect is followed without being looked at.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One complete sign-in on {@code path}; answers the token response. */
    JsonNode signIn(SignInPath path) throws IOException, InterruptedException, SignInRefusedException {
        cookies.empty();
        String verifier = base64Url(randomBytes());

        HttpResponse<String> page = openLoginPage(path, verifier);
        HttpResponse<String> answer = switch (path) {
            case CARD_AND_PASSWORD -> postCardForm(page.body());
            case PASSWORD_ONLY -> postPasswordForm(page.body());
        };
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || !location.startsWith(OidcLogin.REDIRECT_URI)) {
            throw new SignInRefusedException("the login form was answered with " + answer.statusCode() + " ("
                    + LoginPage.errorText(answer.body()) + ") instead of the redirect to the relying party");
        }

        return redeem(path, OidcLogin.queryParameter(location, "code"), verifier);
    }

    private HttpResponse<String> openLoginPage(SignInPath path, String verifier)
            throws IOException, InterruptedException, SignInRefusedException {
        String query = form(Map.of("client_id", path.clientId(), "redirect_uri", OidcLogin.REDIRECT_URI,
                "response_type", "code", "scope", "openid", "state", base64Url(randomBytes()),
                "code_challenge", s256(verifier), "code_challenge_method", "S256", "ui_locales", "en"));
        HttpResponse<String> page = get(realmUrl + "/protocol/openid-connect/auth?" + query);
        if (page.statusCode() != 200) {
            throw new SignInRefusedException("the authorization URL answered " + page.statusCode());
        }
        return page;
    }

    private HttpResponse<String> postCardForm(String html) throws IOException, InterruptedException {
        LoginPage page = LoginPage.parse(html);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cardAssertion", account.card().assertion(origin, page.challenge()));
        fields.put("password", ThroughputRealm.PASSWORD);
        return post(page.action(), fields);
    }

    private HttpResponse<String> postPasswordForm(String html)
            throws IOException, InterruptedException, SignInRefusedException {
        Matcher action = PASSWORD_FORM_ACTION.matcher(html);
        if (!action.find()) {
            throw new SignInRefusedException("the authorization URL did not show the username and password page");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", account.username());
        fields.put("password", ThroughputRealm.PASSWORD);
        fields.put("credentialId", "");
        return post(action.group(1).replace("&amp;", "&"), fields);
    }

    private JsonNode redeem(SignInPath path, String code, String verifier)
            throws IOException, InterruptedException, SignInRefusedException {
        HttpResponse<String> tokens = post(realmUrl + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", OidcLogin.REDIRECT_URI,
                "client_id", path.clientId(), "client_secret", path.clientSecret(), "code_verifier", verifier));
        if (tokens.statusCode() != 200) {
            throw new SignInRefusedException("the token endpoint answered " + tokens.statusCode());
        }
        JsonNode body = JSON.readTree(tokens.body());
        if (body.path("id_token").asText().isEmpty()) {
            throw new SignInRefusedException("the token response holds no ID token");
        }
        return body;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        while (response.statusCode() == 302 || response.statusCode() == 303) {
            String next = response.headers().firstValue("Location").orElseThrow();
            response = http.send(HttpRequest.newBuilder(URI.create(next)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    private HttpResponse<String> post(String url, Map<String, String> fields)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
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
}
