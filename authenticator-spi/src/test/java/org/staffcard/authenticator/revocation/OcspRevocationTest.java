package org.staffcard.authenticator.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.staffcard.authenticator.revocation.RevocationFixtures.identity;
import static org.staffcard.authenticator.revocation.RevocationFixtures.ocsp;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staffcard.authenticator.revocation.RevocationFixtures.Answer;
import org.staffcard.authenticator.revocation.RevocationFixtures.MovableClock;
import org.staffcard.authenticator.validation.CertificateRevokedException;
import org.staffcard.authenticator.validation.RevocationCheck;
import org.staffcard.authenticator.validation.RevocationOutcome;
import org.staffcard.authenticator.validation.RevocationUnavailableException;

/** OCSP against a real {@code openssl ocsp} responder, and against crafted answers that each break one rule. */
class OcspRevocationTest {

    private static final RevocationPki PKI = new RevocationPki("CN=テスト認証局,O=テスト株式会社,C=JP");
    private static final KeyPair RSA_KEY = RevocationPki.rsa();

    @TempDir
    static Path directory;

    private static OpensslOcspResponder openssl;
    private static X509Certificate jpkiLike;
    private static X509Certificate pivLike;
    private static X509Certificate p256;
    private static X509Certificate p384;
    private static X509Certificate japanese;
    private static X509Certificate revoked;
    private static X509Certificate notInIndex;

    @BeforeAll
    static void startOpensslResponder() throws Exception {
        openssl = null;
        String url = "http://127.0.0.1:" + OpensslOcspResponder.freePort() + "/";
        jpkiLike = PKI.card("SERIALNUMBER=JPKI-0001", RSA_KEY.getPublic(), null);
        pivLike = PKI.card("CN=Sato Hanako,OU=Staff,O=Test Prefecture,C=JP", RSA_KEY.getPublic(), null);
        p256 = PKI.card("CN=P256 Card,O=Test Org,C=JP", RevocationPki.ec("secp256r1").getPublic(), null);
        p384 = PKI.card("CN=P384 Card,O=Test Org,C=JP", RevocationPki.ec("secp384r1").getPublic(), null);
        japanese = PKI.card("CN=山田太郎,O=テスト株式会社", RSA_KEY.getPublic(), null);
        revoked = PKI.card("SERIALNUMBER=JPKI-0002", RSA_KEY.getPublic(), null);
        notInIndex = PKI.card("SERIALNUMBER=JPKI-0003", RSA_KEY.getPublic(), null);
        openssl = OpensslOcspResponder.start(PKI, directory, List.of(jpkiLike, pivLike, p256, p384, japanese),
                List.of(revoked));
        assertThat(url).isNotEmpty();
    }

    @AfterAll
    static void stopOpensslResponder() throws Exception {
        if (openssl != null) {
            openssl.close();
        }
    }

    private static RevocationCheck opensslCheck(NoncePolicy nonce) {
        return RevocationChecker.of(ocsp(openssl.url(), nonce, false), Clock.systemUTC());
    }

    @Test
    void everyCardProfileReportedGoodByOpensslIsLetInWithTheNonceRequired() throws Exception {
        RevocationCheck check = opensslCheck(NoncePolicy.REQUIRED);

        for (X509Certificate card : List.of(jpkiLike, pivLike, p256, p384, japanese)) {
            RevocationOutcome outcome = check.check(card, PKI.ca, identity(card));
            assertThat(outcome.kind()).as(card.getSubjectX500Principal().getName())
                    .isEqualTo(RevocationOutcome.Kind.GOOD);
        }
    }

    @Test
    void cardReportedRevokedByOpensslIsRefusedAsRevoked() {
        assertThatExceptionOfType(CertificateRevokedException.class)
                .isThrownBy(() -> opensslCheck(NoncePolicy.REQUIRED).check(revoked, PKI.ca, identity(revoked)))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_certificate_revoked"))
                .withMessageContaining("revoked");
    }

    @Test
    void cardUnknownToOpensslIsRefusedLikeARevokedOne() {
        assertThatExceptionOfType(CertificateRevokedException.class)
                .isThrownBy(() -> opensslCheck(NoncePolicy.REQUIRED).check(notInIndex, PKI.ca, identity(notInIndex)))
                .withMessageContaining("unknown");
    }

    @Test
    void japaneseSubjectIsShownReadablyInTheRefusal() {
        X509Certificate card = PKI.card("CN=山田太郎,O=テスト株式会社", RSA_KEY.getPublic(), null);

        assertThatExceptionOfType(CertificateRevokedException.class)
                .isThrownBy(() -> opensslCheck(NoncePolicy.REQUIRED).check(card, PKI.ca, identity(card)))
                .satisfies(e -> assertThat(e.adminDetail()).contains("CN=山田太郎,O=テスト株式会社")
                        .contains("O=テスト株式会社"));
    }

    @Test
    void certificateNamingItsResponderInAiaIsAskedThere() throws Exception {
        X509Certificate card = PKI.card("SERIALNUMBER=AIA-1", RSA_KEY.getPublic(), jpkiLike.getSerialNumber(),
                openssl.url());
        RevocationCheck check = RevocationChecker.of(ocsp(null, NoncePolicy.REQUIRED, false), Clock.systemUTC());

        assertThat(check.check(card, PKI.ca, identity(card)).detail()).contains(openssl.url());
    }

    @Test
    void closedPortMakesRevocationUnavailable() throws Exception {
        String closed = "http://127.0.0.1:" + OpensslOcspResponder.freePort() + "/";

        assertThatExceptionOfType(RevocationUnavailableException.class)
                .isThrownBy(() -> RevocationChecker.of(ocsp(closed, NoncePolicy.REQUIRED, false), Clock.systemUTC())
                        .check(jpkiLike, PKI.ca, identity(jpkiLike)))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("card_revocation_unavailable"));
    }

    @Test
    void responderThatAcceptsButNeverAnswersIsGivenUpAfterTheReadTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/";

            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> RevocationChecker.of(ocsp(url, NoncePolicy.REQUIRED, false),
                            Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike)))
                    .withMessageContaining("did not answer in time");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void http500MakesRevocationUnavailable() throws Exception {
        try (CraftedOcspResponder failing = new CraftedOcspResponder(500, request -> new byte[0])) {
            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> RevocationChecker.of(ocsp(failing.url(), NoncePolicy.REQUIRED, false),
                            Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike)))
                    .withMessageContaining("HTTP 500");
        }
    }

    @Test
    void failOpenLetsTheCardThroughAndSaysSo() throws Exception {
        String closed = "http://127.0.0.1:" + OpensslOcspResponder.freePort() + "/";

        RevocationOutcome outcome = RevocationChecker.of(ocsp(closed, NoncePolicy.REQUIRED, true), Clock.systemUTC())
                .check(jpkiLike, PKI.ca, identity(jpkiLike));

        assertThat(outcome.kind()).isEqualTo(RevocationOutcome.Kind.FAILED_OPEN);
        assertThat(outcome.detail()).contains("could not be reached");
    }

    @Test
    void failOpenNeverLetsARevokedCardThrough() {
        assertThatExceptionOfType(CertificateRevokedException.class)
                .isThrownBy(() -> RevocationChecker.of(ocsp(openssl.url(), NoncePolicy.REQUIRED, true),
                        Clock.systemUTC()).check(revoked, PKI.ca, identity(revoked)));
    }

    @Test
    void requestCarriesItsNonceInRequestExtensionsNotInTheSingleRequest() throws Exception {
        try (CraftedOcspResponder capture = new CraftedOcspResponder(200, Answer.good(PKI)::to)) {
            RevocationChecker.of(ocsp(capture.url(), NoncePolicy.REQUIRED, false), Clock.systemUTC())
                    .check(jpkiLike, PKI.ca, identity(jpkiLike));

            OCSPReq request = new OCSPReq(capture.requests.get(0));
            byte[] nonce = DEROctetString.getInstance(request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                    .getParsedValue()).getOctets();
            assertThat(nonce).hasSize(32);
            for (Req single : request.getRequestList()) {
                assertThat(single.getSingleRequestExtensions()).isNull();
            }
            assertThat(request.getRequestList()[0].getCertID().getSerialNumber())
                    .isEqualTo(jpkiLike.getSerialNumber());
        }
    }

    @Test
    void answerWithoutNonceIsRefusedWhenTheNonceIsRequired() throws Exception {
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, Answer.good(PKI).withoutNonce()::to)) {
            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> RevocationChecker.of(ocsp(responder.url(), NoncePolicy.REQUIRED, false),
                            Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike)))
                    .withMessageContaining("did not echo");
        }
    }

    @Test
    void freshAnswerWithoutNonceIsUsedWhenTheNonceIsOptional() throws Exception {
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, Answer.good(PKI).withoutNonce()::to)) {
            RevocationOutcome outcome = RevocationChecker.of(ocsp(responder.url(), NoncePolicy.OPTIONAL, false),
                    Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike));

            assertThat(outcome.kind()).isEqualTo(RevocationOutcome.Kind.GOOD);
        }
    }

    @Test
    void staleAnswerWithoutNonceIsRefusedEvenWhenTheNonceIsOptional() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        Answer stale = Answer.good(PKI).withoutNonce().withDates(now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(1)));
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, stale::to)) {
            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> RevocationChecker.of(ocsp(responder.url(), NoncePolicy.OPTIONAL, false),
                            Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike)))
                    .withMessageContaining("stale");
        }
    }

    @Test
    void answerFromTheFutureIsRefused() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        Answer future = Answer.good(PKI).withDates(now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(3)));
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, future::to)) {
            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> RevocationChecker.of(ocsp(responder.url(), NoncePolicy.OPTIONAL, false),
                            Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike)))
                    .withMessageContaining("ahead of server time");
        }
    }

    @Test
    void answerRepeatingAFixedNonceIsRefusedUnderEitherPolicy() throws Exception {
        byte[] fixed = new DEROctetString(new byte[32]).getEncoded();
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, Answer.good(PKI).withNonce(fixed)::to)) {
            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> RevocationChecker.of(ocsp(responder.url(), NoncePolicy.OPTIONAL, false),
                            Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike)))
                    .withMessageContaining("not the one of this request");
        }
    }

    @Test
    void unknownFromACraftedResponderIsRefusedAsRevoked() throws Exception {
        Answer unknown = Answer.good(PKI).withStatus(RevocationFixtures.UNKNOWN);
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, unknown::to)) {
            assertThatExceptionOfType(CertificateRevokedException.class)
                    .isThrownBy(() -> RevocationChecker.of(ocsp(responder.url(), NoncePolicy.REQUIRED, false),
                            Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike)));
        }
    }

    @Test
    void answerSignedByAStrangerIsRefused() throws Exception {
        KeyPair stranger = RevocationPki.rsa();
        Answer forged = Answer.good(PKI).signedBy(stranger.getPrivate(), null);
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, forged::to)) {
            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> RevocationChecker.of(ocsp(responder.url(), NoncePolicy.REQUIRED, false),
                            Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike)))
                    .withMessageContaining("is not signed by");
        }
    }

    @Test
    void delegatedResponderWithOcspSigningIsBelieved() throws Exception {
        KeyPair responderKey = RevocationPki.ec("secp256r1");
        Answer delegated = Answer.good(PKI).signedBy(responderKey.getPrivate(),
                PKI.responder(responderKey.getPublic(), true));
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, delegated::to)) {
            assertThat(RevocationChecker.of(ocsp(responder.url(), NoncePolicy.REQUIRED, false), Clock.systemUTC())
                    .check(jpkiLike, PKI.ca, identity(jpkiLike)).kind()).isEqualTo(RevocationOutcome.Kind.GOOD);
        }
    }

    @Test
    void certificateOfTheCaWithoutOcspSigningCannotAnswer() throws Exception {
        KeyPair responderKey = RevocationPki.ec("secp256r1");
        Answer delegated = Answer.good(PKI).signedBy(responderKey.getPrivate(),
                PKI.responder(responderKey.getPublic(), false));
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, delegated::to)) {
            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> RevocationChecker.of(ocsp(responder.url(), NoncePolicy.REQUIRED, false),
                            Clock.systemUTC()).check(jpkiLike, PKI.ca, identity(jpkiLike)));
        }
    }

    @Test
    void configuredResponderCertificateIsBelievedThoughNoCaIssuedIt() throws Exception {
        RevocationPki other = new RevocationPki("CN=Responder CA,O=Platform,C=JP");
        KeyPair responderKey = RevocationPki.rsa();
        X509Certificate responderCertificate = other.responder(responderKey.getPublic(), true);
        Answer designated = Answer.good(PKI).signedBy(responderKey.getPrivate(), null);
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, designated::to)) {
            RevocationSettings base = ocsp(responder.url(), NoncePolicy.REQUIRED, false);
            RevocationSettings settings = new RevocationSettings(base.policy(), false, base.ocspResponder(),
                    java.util.Optional.of(responderCertificate), base.nonce(), base.connectTimeout(),
                    base.readTimeout(), base.crlLocations(), base.crlMaxAge(), base.clockSkew());

            assertThat(RevocationChecker.of(settings, Clock.systemUTC()).check(jpkiLike, PKI.ca,
                    identity(jpkiLike)).kind()).isEqualTo(RevocationOutcome.Kind.GOOD);
            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> RevocationChecker.of(base, Clock.systemUTC())
                            .check(jpkiLike, PKI.ca, identity(jpkiLike)));
        }
    }

    @Test
    void goodAnswerIsCachedUntilItsNextUpdate() throws Exception {
        java.time.Instant start = java.time.Instant.now();
        MovableClock clock = new MovableClock(start);
        Answer tenMinutes = Answer.good(PKI).withDates(start.minusSeconds(60), start.plus(Duration.ofMinutes(10)));
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, tenMinutes::to)) {
            RevocationCheck check = RevocationChecker.of(ocsp(responder.url(), NoncePolicy.REQUIRED, false), clock);

            check.check(jpkiLike, PKI.ca, identity(jpkiLike));
            clock.advance(Duration.ofMinutes(9));
            check.check(jpkiLike, PKI.ca, identity(jpkiLike));
            assertThat(responder.requests).hasSize(1);

            // Past nextUpdate the cached answer is dropped and the responder asked again; its answer, with the same
            // dates, is now stale itself and refused.
            clock.advance(Duration.ofMinutes(3));
            assertThatExceptionOfType(RevocationUnavailableException.class)
                    .isThrownBy(() -> check.check(jpkiLike, PKI.ca, identity(jpkiLike)));
            assertThat(responder.requests).hasSize(2);
        }
    }

    @Test
    void revokedAnswerIsNotCached() throws Exception {
        Answer revokedAnswer = Answer.good(PKI).withStatus(new RevokedStatus(new java.util.Date(), 1));
        try (CraftedOcspResponder responder = new CraftedOcspResponder(200, revokedAnswer::to)) {
            RevocationCheck check = RevocationChecker.of(ocsp(responder.url(), NoncePolicy.REQUIRED, false),
                    Clock.systemUTC());
            for (int i = 0; i < 2; i++) {
                assertThatExceptionOfType(CertificateRevokedException.class)
                        .isThrownBy(() -> check.check(jpkiLike, PKI.ca, identity(jpkiLike)));
            }
            assertThat(responder.requests).hasSize(2);
        }
    }
}
