package org.staffcard.authenticator.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.staffcard.authenticator.validation.CertificateIdentity;
import org.staffcard.authenticator.validation.CertificateRevokedException;
import org.staffcard.authenticator.validation.RevocationCheck;
import org.staffcard.authenticator.validation.RevocationOutcome;
import org.staffcard.authenticator.validation.RevocationUnavailableException;
import org.staffcard.benchmarks.BenchmarkPki;
import org.staffcard.benchmarks.FixtureDirectory;
import org.staffcard.benchmarks.MillionEntryCrl;

/**
 * Time of one serial lookup in a loaded CRL of a million entries against one of a hundred, and of the whole CRL
 * revocation step of a sign-in (freshness and issuer checks around the lookup). It lives in the revocation package
 * because the loaded CRL is not public outside it; the benchmark jar puts it beside the product's classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CrlLookupBenchmark {

    /** A power of two, so the next serial is found with a mask rather than a division. */
    private static final int SERIALS_ASKED = 4096;

    @Param({"100", "1000000"})
    public int entries;

    private CertificateRevocationList crl;
    private BigInteger[] asked;
    private int next;

    private RevocationCheck revocationStep;
    private X509Certificate goodCard;
    private X509Certificate ca;
    private CertificateIdentity goodCardIdentity;

    @Setup
    public void load() throws IOException, MalformedCrlException, CertificateRevokedException,
            RevocationUnavailableException {
        MillionEntryCrl stored = MillionEntryCrl.obtain(FixtureDirectory.get(), entries);
        ca = stored.ca();
        crl = CrlReader.read(Files.readAllBytes(stored.crlFile()), ca);

        // Half revoked, half in good standing, spread over the whole list, so the lookups do not all walk the same
        // path of the binary search and stay in the processor's cache as one repeated serial would.
        SplittableRandom random = new SplittableRandom(20_260_302L);
        asked = new BigInteger[SERIALS_ASKED];
        for (int i = 0; i < SERIALS_ASKED; i++) {
            long index = random.nextInt(entries);
            asked[i] = i % 2 == 0 ? MillionEntryCrl.revokedSerial(index) : MillionEntryCrl.goodSerial(index);
        }

        goodCard = stored.pki().card("CN=S0054321,O=Staffcard Benchmark", BenchmarkPki.p256().getPublic(),
                MillionEntryCrl.goodSerial(entries / 2));
        goodCardIdentity = CertificateIdentity.of(goodCard);
        revocationStep = RevocationChecker.of(new RevocationSettings(RevocationPolicy.CRL, false, Optional.empty(),
                Optional.empty(), NoncePolicy.REQUIRED, RevocationSettings.DEFAULT_CONNECT_TIMEOUT,
                RevocationSettings.DEFAULT_READ_TIMEOUT, List.of(stored.crlFile().toAbsolutePath().toString()),
                RevocationSettings.DEFAULT_CRL_MAX_AGE, Duration.ofMinutes(1)), Clock.systemUTC());

        RevocationOutcome first = revocationStep.check(goodCard, ca, goodCardIdentity);
        if (first.kind() != RevocationOutcome.Kind.GOOD || crl.size() != entries) {
            throw new IllegalStateException("the CRL fixture of " + entries + " entries is not usable: " + first);
        }
    }

    @Benchmark
    public boolean lookup() {
        BigInteger serial = asked[next++ & (SERIALS_ASKED - 1)];
        return crl.isRevoked(serial);
    }

    @Benchmark
    public RevocationOutcome revocationStepOfASignIn() throws CertificateRevokedException,
            RevocationUnavailableException {
        return revocationStep.check(goodCard, ca, goodCardIdentity);
    }
}
