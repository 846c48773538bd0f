package org.staffcard.authenticator.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.staffcard.authenticator.revocation.RevocationFixtures.crl;
import static org.staffcard.authenticator.revocation.RevocationFixtures.identity;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staffcard.authenticator.revocation.RevocationFixtures.MovableClock;
import org.staffcard.authenticator.validation.CertificateRevokedException;
import org.staffcard.authenticator.validation.RevocationCheck;
import org.staffcard.authenticator.validation.RevocationOutcome;
import org.staffcard.authenticator.validation.RevocationUnavailableException;

/** CRL lookups: made with BouncyCastle or written as raw DER, read from a file or a loopback http server. */
class CrlRevocationTest {

    private static final RevocationPki PKI = new RevocationPki("CN=CRL Test CA,O=Test Org,C=JP");
    private static final KeyPair KEY = RevocationPki.rsa();
    private static final Instant NOW = Instant.now();

    @TempDir
    Path directory;

    private final X509Certificate good = PKI.card("SERIALNUMBER=GOOD", KEY.getPublic(), null);
    private final X509Certificate revoked = PKI.card("SERIALNUMBER=REVOKED", KEY.getPublic(), null);

    private Path crlFile(byte[] der) throws Exception {
        Path file = directory.resolve("ca-" + System.nanoTime() + ".crl");
        Files.write(file, der);
        return file;
    }

    private byte[] currentCrl() {
        return PKI.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), revoked.getSerialNumber());
    }

    @Test
    void serialListedInTheCrlIsRefusedAndAnotherIsLetIn() throws Exception {
        RevocationCheck check = RevocationChecker.of(crl(RevocationPolicy.CRL, null,
                crlFile(currentCrl()).toString()), Clock.systemUTC());

        assertThatExceptionOfType(CertificateRevokedException.class)
                .isThrownBy(() -> check.check(revoked, PKI.ca, identity(revoked)));
        assertThat(check.check(good, PKI.ca, identity(good)).kind()).isEqualTo(RevocationOutcome.Kind.GOOD);
    }

    @Test
    void crlPastItsNextUpdateIsRefused() throws Exception {
        byte[] expired = PKI.crl(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)));
        RevocationCheck check = RevocationChecker.of(crl(RevocationPolicy.CRL, null, crlFile(expired).toString()),
                Clock.systemUTC());

        assertThatExceptionOfType(RevocationUnavailableException.class)
                .isThrownBy(() -> check.check(good, PKI.ca, identity(good)))
                .withMessageContaining("expired at its nextUpdate");
    }

    @Test
    void crlSignedWithAnotherKeyUnderTheSameNameIsRefused() throws Exception {
        RevocationPki impostor = new RevocationPki("CN=CRL Test CA,O=Test Org,C=JP");
        byte[] forged = impostor.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)));
        RevocationCheck check = RevocationChecker.of(crl(RevocationPolicy.CRL, null, crlFile(forged).toString()),
                Clock.systemUTC());

        assertThatExceptionOfType(RevocationUnavailableException.class)
                .isThrownBy(() -> check.check(good, PKI.ca, identity(good)))
                .withMessageContaining("does not verify");
    }

    @Test
    void unreachableCrlAddressIsUnavailable() throws Exception {
        String closed = "http://127.0.0.1:" + OpensslOcspResponder.freePort() + "/ca.crl";
        RevocationCheck check = RevocationChecker.of(crl(RevocationPolicy.CRL, null, closed), Clock.systemUTC());

        assertThatExceptionOfType(RevocationUnavailableException.class)
                .isThrownBy(() -> check.check(good, PKI.ca, identity(good)))
                .withMessageContaining("could not be reached");
    }

    @Test
    void crlServedOverHttpIsFetchedOnceForTwentySimultaneousSignIns() throws Exception {
        byte[] der = currentCrl();
        try (CraftedOcspResponder server = new CraftedOcspResponder(200, request -> der)) {
            RevocationCheck check = RevocationChecker.of(crl(RevocationPolicy.CRL, null, server.url() + "ca.crl"),
                    Clock.systemUTC());
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<RevocationOutcome>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<RevocationOutcome> signIn = () -> check.check(good, PKI.ca, identity(good));
                results.add(pool.submit(signIn));
            }
            for (Future<RevocationOutcome> result : results) {
                assertThat(result.get().kind()).isEqualTo(RevocationOutcome.Kind.GOOD);
            }
            pool.shutdown();

            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void crlIsFetchedAgainOnceItsNextUpdateHasPassed() throws Exception {
        MovableClock clock = new MovableClock(NOW);
        byte[] first = PKI.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofMinutes(30)));
        byte[] second = PKI.crl(NOW.plus(Duration.ofMinutes(30)), NOW.plus(Duration.ofDays(1)),
                good.getSerialNumber());
        List<byte[]> published = new ArrayList<>(List.of(first));
        try (CraftedOcspResponder server = new CraftedOcspResponder(200, request -> published.get(0))) {
            RevocationCheck check = RevocationChecker.of(crl(RevocationPolicy.CRL, null, server.url()), clock);
            assertThat(check.check(good, PKI.ca, identity(good)).kind()).isEqualTo(RevocationOutcome.Kind.GOOD);

            published.set(0, second);
            clock.advance(Duration.ofMinutes(31));

            assertThatExceptionOfType(CertificateRevokedException.class)
                    .isThrownBy(() -> check.check(good, PKI.ca, identity(good)));
            assertThat(server.requests).hasSize(2);
        }
    }

    @Test
    void ocspThenCrlFallsBackToTheCrlWhenTheResponderIsDown() throws Exception {
        String closed = "http://127.0.0.1:" + OpensslOcspResponder.freePort() + "/";
        RevocationCheck check = RevocationChecker.of(crl(RevocationPolicy.OCSP_THEN_CRL, closed,
                crlFile(currentCrl()).toString()), Clock.systemUTC());

        assertThatExceptionOfType(CertificateRevokedException.class)
                .isThrownBy(() -> check.check(revoked, PKI.ca, identity(revoked)));
        assertThat(check.check(good, PKI.ca, identity(good)).detail()).startsWith("CRL");
    }

    @Test
    void crlOfAnotherCaIsNotUsedForThisOne() throws Exception {
        RevocationPki other = new RevocationPki("CN=Other CA,O=Test Org,C=JP");
        byte[] foreign = other.crl(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)));
        RevocationCheck check = RevocationChecker.of(crl(RevocationPolicy.CRL, null, crlFile(foreign).toString()),
                Clock.systemUTC());

        assertThatExceptionOfType(RevocationUnavailableException.class)
                .isThrownBy(() -> check.check(good, PKI.ca, identity(good)))
                .withMessageContaining("none of the 1 configured CRLs is issued by");
    }

    @Test
    void millionEntryCrlLoadsIntoCompactMemoryAndFindsItsSerials() throws Exception {
        byte[] der = LargeCrl.write(PKI.ca, PKI.caKey.getPrivate(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)),
                1_000_000_007L, 3, 1_000_000);

        CertificateRevocationList list = CrlReader.read(der, PKI.ca);

        assertThat(list.size()).isEqualTo(1_000_000);
        assertThat(list.isRevoked(BigInteger.valueOf(1_000_000_007L + 3 * 999_999L))).isTrue();
        assertThat(list.isRevoked(BigInteger.valueOf(1_000_000_008L))).isFalse();
        assertThat(list.revoked().approximateBytes()).isLessThan(200L * 1024 * 1024);
        assertThat(list.revoked().approximateBytes()).isLessThan(10L * 1024 * 1024);
    }
}
