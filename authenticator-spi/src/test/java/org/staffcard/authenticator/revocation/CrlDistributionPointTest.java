package org.staffcard.authenticator.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.staffcard.authenticator.revocation.RevocationFixtures.SHORT;
import static org.staffcard.authenticator.revocation.RevocationFixtures.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staffcard.authenticator.validation.CertificateRevokedException;
import org.staffcard.authenticator.validation.RevocationCheck;
import org.staffcard.authenticator.validation.RevocationOutcome;
import org.staffcard.authenticator.validation.RevocationUnavailableException;

/**
 * CRLs read from the distribution points in card certificates, served by a real HTTP server on 127.0.0.1 that this
 * test starts: a good card, a revoked card, a distribution point nobody answers, and schemes that are not read.
 */
class CrlDistributionPointTest {

    private static final RevocationPki PKI = new RevocationPki("CN=CDP Test CA,O=Test Org,C=JP");
    private static final RevocationPki OTHER_CA = new RevocationPki("CN=Other CDP Test CA,O=Test Org,C=JP");
    private static final KeyPair KEY = RevocationPki.rsa();
    private static final Instant NOW = Instant.now();

    @TempDir
    Path directory;

    private HttpServer server;
    private final AtomicInteger crlRequests = new AtomicInteger();
    private volatile byte[] served;

    @BeforeEach
    void startCrlServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ca.crl", exchange -> {
            crlRequests.incrementAndGet();
            byte[] body = served;
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopCrlServer() {
        server.stop(0);
    }

    private String crlAddress() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl";
    }

    @Test
    void goodCardIsLetInAndRevokedCardIsRefusedByTheCrlAtItsDistributionPoint() throws Exception {
        X509Certificate good = PKI.cardWithCrlDistributionPoints("SERIALNUMBER=GOOD", KEY.getPublic(), crlAddress());
        X509Certificate revoked = PKI.cardWithCrlDistributionPoints("SERIALNUMBER=REVOKED", KEY.getPublic(),
                crlAddress());
        served = PKI.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), revoked.getSerialNumber());
        RevocationCheck check = RevocationChecker.of(distributionPointsOnly(), Clock.systemUTC());

        RevocationOutcome outcome = check.check(good, PKI.ca, identity(good));

        assertThat(outcome.kind()).isEqualTo(RevocationOutcome.Kind.GOOD);
        assertThat(outcome.detail()).startsWith("CRL distribution point " + crlAddress());
        assertThatExceptionOfType(CertificateRevokedException.class)
                .isThrownBy(() -> check.check(revoked, PKI.ca, identity(revoked)))
                .satisfies(e -> assertThat(e.adminDetail()).contains("CRL distribution point " + crlAddress()));
    }

    @Test
    void crlOfADistributionPointIsDownloadedOnceForManySignIns() throws Exception {
        served = PKI.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)));
        RevocationCheck check = RevocationChecker.of(distributionPointsOnly(), Clock.systemUTC());

        for (int i = 0; i < 5; i++) {
            X509Certificate card = PKI.cardWithCrlDistributionPoints("SERIALNUMBER=CARD" + i, KEY.getPublic(),
                    crlAddress());
            assertThat(check.check(card, PKI.ca, identity(card)).kind()).isEqualTo(RevocationOutcome.Kind.GOOD);
        }

        assertThat(crlRequests.get()).isEqualTo(1);
    }

    @Test
    void deadDistributionPointFailsClosedAndNamesTheAddress() throws Exception {
        String dead = "http://127.0.0.1:" + closedPort() + "/ca.crl";
        X509Certificate card = PKI.cardWithCrlDistributionPoints("SERIALNUMBER=DEAD", KEY.getPublic(), dead);
        RevocationCheck check = RevocationChecker.of(distributionPointsOnly(), Clock.systemUTC());

        assertThatExceptionOfType(RevocationUnavailableException.class)
                .isThrownBy(() -> check.check(card, PKI.ca, identity(card)))
                .satisfies(e -> assertThat(e.adminDetail()).contains(dead));
    }

    @Test
    void crlOfAnotherCaAtTheDistributionPointIsNotUsed() throws Exception {
        served = OTHER_CA.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)));
        X509Certificate card = PKI.cardWithCrlDistributionPoints("SERIALNUMBER=OTHER", KEY.getPublic(),
                crlAddress());
        RevocationCheck check = RevocationChecker.of(distributionPointsOnly(), Clock.systemUTC());

        assertThatExceptionOfType(RevocationUnavailableException.class)
                .isThrownBy(() -> check.check(card, PKI.ca, identity(card)))
                .satisfies(e -> assertThat(e.adminDetail()).contains("is issued by another CA"));
    }

    @Test
    void ldapAndHttpsDistributionPointsAreNotRead() throws Exception {
        X509Certificate card = PKI.cardWithCrlDistributionPoints("SERIALNUMBER=LDAP", KEY.getPublic(),
                "ldap://127.0.0.1/cn=CDP%20Test%20CA?certificateRevocationList", "https://127.0.0.1/ca.crl");
        RevocationCheck check = RevocationChecker.of(distributionPointsOnly(), Clock.systemUTC());

        assertThatExceptionOfType(RevocationUnavailableException.class)
                .isThrownBy(() -> check.check(card, PKI.ca, identity(card)))
                .satisfies(e -> assertThat(e.adminDetail()).contains("names no http:// CRL distribution point")
                        .contains("ldap://127.0.0.1/").contains("https://127.0.0.1/ca.crl"));
    }

    @Test
    void configuredCrlOfTheIssuerIsUsedBeforeTheDistributionPoint() throws Exception {
        served = PKI.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)));
        Path file = directory.resolve("ca.crl");
        Files.write(file, PKI.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1))));
        X509Certificate card = PKI.cardWithCrlDistributionPoints("SERIALNUMBER=FILE", KEY.getPublic(),
                crlAddress());
        RevocationCheck check = RevocationChecker.of(settings(true, file.toString()), Clock.systemUTC());

        assertThat(check.check(card, PKI.ca, identity(card)).detail()).startsWith("CRL 1 of 1");
        assertThat(crlRequests.get()).isZero();
    }

    @Test
    void distributionPointIsNotReadWhenTheSettingIsOff() throws Exception {
        served = PKI.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)));
        Path otherCaFile = directory.resolve("other.crl");
        Files.write(otherCaFile, OTHER_CA.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1))));
        X509Certificate card = PKI.cardWithCrlDistributionPoints("SERIALNUMBER=OFF", KEY.getPublic(),
                crlAddress());
        RevocationCheck check = RevocationChecker.of(settings(false, otherCaFile.toString()), Clock.systemUTC());

        assertThatExceptionOfType(RevocationUnavailableException.class)
                .isThrownBy(() -> check.check(card, PKI.ca, identity(card)));
        assertThat(crlRequests.get()).isZero();
    }

    @Test
    void crlPolicyWithoutLocationsNeedsTheDistributionPointSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(false))
                .withMessageContaining("distribution points");
    }

    private static RevocationSettings distributionPointsOnly() {
        return settings(true);
    }

    private static RevocationSettings settings(boolean distributionPoints, String... locations) {
        return new RevocationSettings(RevocationPolicy.CRL, false, Optional.<URI>empty(), Optional.empty(),
                NoncePolicy.REQUIRED, SHORT, SHORT, List.of(locations), Duration.ofHours(1), Duration.ofMinutes(1),
                distributionPoints);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
