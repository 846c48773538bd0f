package org.staffcard.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.virtualcard.TestCardSpec;
import org.staffcard.virtualcard.TestCertificateAuthority;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation on the real Keycloak distribution: the staff realm's card authenticator is set to ask an OCSP
 * responder run by OpenSSL on loopback; a card it reports good signs in, one it reports revoked is refused.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class RevocationSignInTest {

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String STAFF_PASSWORD = "Staff-Passw0rd";

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private OpensslResponder responder;
    private AuthenticatorConfigRepresentation original;
    private final List<String> createdUsers = new ArrayList<>();
    private SoftwareCard goodCard;
    private SoftwareCard revokedCard;

    @BeforeEach
    void configureOcspAgainstOpenssl() throws Exception {
        TestCertificateAuthority authority =
                TestCertificateAuthority.create("CN=Staff Card OCSP Test CA, O=Test Org, C=JP");
        goodCard = new SoftwareCard(authority.issue(TestCardSpec.of("OCSP-GOOD-1")));
        revokedCard = new SoftwareCard(authority.issue(TestCardSpec.of("OCSP-REVOKED-1")));
        responder = OpensslResponder.start(authority, List.of(goodCard.card().certificate()),
                List.of(revokedCard.card().certificate()));

        original = cardConfig();
        AuthenticatorConfigRepresentation config = cardConfig();
        Map<String, String> values = new HashMap<>(config.getConfig());
        values.merge("staffcard.trustAnchorsPem", pem("CERTIFICATE", authority.certificate().getEncoded()),
                (existing, added) -> existing + "\n" + added);
        values.put("staffcard.revocation", "ocsp");
        values.put("staffcard.ocspResponderUrl", responder.url());
        config.setConfig(values);
        realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);

        createStaff("ocsp.good", goodCard);
        createStaff("ocsp.revoked", revokedCard);
        realm.admin().clearEvents();
    }

    @AfterEach
    void restore() {
        if (original != null) {
            realm.admin().flows().updateAuthenticatorConfig(original.getId(), original);
        }
        for (String id : createdUsers) {
            realm.admin().users().delete(id).close();
        }
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void cardTheResponderReportsGoodSignsIn() throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        HttpResponse<String> answer = login.submit(page, goodCard.assertion(ORIGIN, page.challenge()),
                STAFF_PASSWORD);

        assertThat(answer.statusCode()).as(LoginPage.errorText(answer.body())).isEqualTo(302);
        assertThat(login.redeem(answer).path("id_token").asText()).isNotEmpty();
        assertThat(responder.requests()).isPositive();
        List<EventRepresentation> logins = realm.admin().getEvents(List.of("LOGIN"), null, null, null, null, null,
                0, 1);
        assertThat(logins.get(0).getDetails()).containsEntry("card_revocation", "good");
    }

    @Test
    void cardTheResponderReportsRevokedIsRefusedWithTheRevokedMessage() throws Exception {
        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();

        HttpResponse<String> answer = login.submit(page, revokedCard.assertion(ORIGIN, page.challenge()),
                STAFF_PASSWORD);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(ThemeMessages.english("cardCertificateRevoked"))
                .doesNotContain(ThemeMessages.english("cardRevocationUnavailable"));
        List<EventRepresentation> events = realm.admin().getEvents(List.of("LOGIN_ERROR"), null, null, null, null,
                null, 0, 1);
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).getError()).isEqualTo("card_certificate_revoked");
        assertThat(events.get(0).getDetails()).containsEntry("card_user_id", "OCSP-REVOKED-1")
                .containsEntry("card_certificate_serial",
                        revokedCard.card().certificate().getSerialNumber().toString(16));
    }

    private AuthenticatorConfigRepresentation cardConfig() {
        String id = realm.admin().flows().getExecutions("staff card browser").stream()
                .filter(e -> "staff-card-password".equals(e.getProviderId()))
                .findFirst().orElseThrow().getAuthenticationConfig();
        return realm.admin().flows().getAuthenticatorConfig(id);
    }

    private void createStaff(String username, SoftwareCard card) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName("花子");
        user.setLastName("佐藤");
        user.setEmail(username + "@example.lg.jp");
        user.setAttributes(Map.of("cardUserId", List.of(card.card().cardUserId())));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType("password");
        password.setValue(STAFF_PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password, CardCredentials.of(card)));
        try (Response created = realm.admin().users().create(user)) {
            assertThat(created.getStatus()).as("creating " + username).isEqualTo(201);
            String location = created.getLocation().getPath();
            createdUsers.add(location.substring(location.lastIndexOf('/') + 1));
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * OpenSSL's OCSP responder code behind a loopback-only HTTP listener: OpenSSL 3.0's own {@code -port} listener
     * binds every interface, so each request is answered by one {@code openssl ocsp -reqin -respout} run.
     */
    private static final class OpensslResponder {

        private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
                .withZone(ZoneOffset.UTC);

        private final HttpServer server;
        private final Path directory;
        private final AtomicInteger requests = new AtomicInteger();

        private OpensslResponder(HttpServer server, Path directory) {
            this.server = server;
            this.directory = directory;
        }

        static OpensslResponder start(TestCertificateAuthority authority, List<X509Certificate> good,
                                      List<X509Certificate> revoked) throws Exception {
            Path directory = Files.createTempDirectory("staffcard-ocsp");
            List<String> index = new ArrayList<>();
            good.forEach(certificate -> index.add(line("V", certificate, "")));
            revoked.forEach(certificate -> index.add(line("R", certificate,
                    INDEX_TIME.format(certificate.getNotBefore().toInstant().plusSeconds(60)))));
            Files.write(directory.resolve("index.txt"), index, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("ca.pem"), pem("CERTIFICATE", authority.certificate().getEncoded()));
            Files.writeString(directory.resolve("ca.key"), pem("PRIVATE KEY", authority.privateKey().getEncoded()));

            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OpensslResponder responder = new OpensslResponder(server, directory);
            server.createContext("/", exchange -> {
                byte[] answer;
                try (InputStream in = exchange.getRequestBody()) {
                    answer = responder.answer(in.readAllBytes());
                }
                exchange.sendResponseHeaders(answer.length > 0 ? 200 : 500, answer.length > 0 ? answer.length : -1);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
                exchange.close();
            });
            server.start();
            return responder;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        int requests() {
            return requests.get();
        }

        void close() {
            server.stop(0);
        }

        private byte[] answer(byte[] request) throws IOException {
            int n = requests.incrementAndGet();
            Path in = directory.resolve("request-" + n + ".der");
            Path out = directory.resolve("response-" + n + ".der");
            Files.write(in, request);
            Process process = new ProcessBuilder("openssl", "ocsp", "-index", dir("index.txt"), "-rsigner",
                    dir("ca.pem"), "-rkey", dir("ca.key"), "-CA", dir("ca.pem"), "-nmin", "10",
                    "-reqin", in.toString(), "-respout", out.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("openssl.log").toFile()).start();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new byte[0];
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return new byte[0];
            }
            return process.exitValue() == 0 && Files.exists(out) ? Files.readAllBytes(out) : new byte[0];
        }

        private String dir(String name) {
            return directory.resolve(name).toString();
        }

        private static String line(String state, X509Certificate certificate, String revokedAt) {
            String serial = certificate.getSerialNumber().toString(16).toUpperCase();
            serial = serial.length() % 2 == 1 ? "0" + serial : serial;
            return state + "\t" + INDEX_TIME.format(certificate.getNotAfter().toInstant()) + "\t" + revokedAt
                    + "\t" + serial + "\tunknown\t/CN=card-" + serial;
        }
    }
}
