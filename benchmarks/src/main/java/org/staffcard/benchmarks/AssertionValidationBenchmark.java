package org.staffcard.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.staffcard.authenticator.validation.CardValidationException;
import org.staffcard.authenticator.validation.ValidatedCard;
import org.staffcard.protocol.SignatureAlgorithm;

/**
 * Time of one whole assertion validation (algorithm, certificate, key usage, validity, path built and validated by
 * BouncyCastle's PKIX, signature, CRL lookup), with BouncyCastle registered as the server registers it, against
 * the bare verification of the same signature with the same key, in the same JVM, so the report can state
 * validation as a multiple of the one cryptographic step it cannot do without.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AssertionValidationBenchmark {

    /** RS256: an RSA-2048 card such as the My Number Card; ES256: a P-256 card. */
    @Param({"RS256", "ES256"})
    public String card;

    private SignInFixture fixture;

    @Setup
    public void prepare() {
        ServerProviders.registerBouncyCastle();
        fixture = SignInFixture.create(SignatureAlgorithm.valueOf(card), FixtureDirectory.get());
    }

    @Benchmark
    public ValidatedCard wholeValidation() throws CardValidationException {
        return fixture.validate();
    }

    @Benchmark
    public boolean bareSignatureVerify() throws GeneralSecurityException {
        return fixture.verifyBareSignature();
    }
}
