package org.staffcard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One P-256 signature in raw {@code r || s} form, verified by the JDK's SunEC provider (the baseline) and by
 * BouncyCastle's provider, which the server ships, in the same JVM. The key is the JDK's own EC key, as a leaf
 * certificate parsed by the JDK hands it over, so BouncyCastle's time includes taking that key over.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EcdsaProviderBenchmark {

    private static final String SUN_EC_NAME = "SHA256withECDSAinP1363Format";
    private static final String BOUNCY_CASTLE_NAME = "SHA256withPLAIN-ECDSA";

    private final Provider bouncyCastle = new BouncyCastleProvider();
    private final byte[] payload = "https://sso.example.lg.jp signed bytes of one sign-in"
            .getBytes(StandardCharsets.UTF_8);
    private PublicKey cardKey;
    private byte[] signature;

    @Setup
    public void prepare() throws GeneralSecurityException {
        KeyPair card = BenchmarkPki.p256();
        Signature signer = Signature.getInstance(SUN_EC_NAME);
        signer.initSign(card.getPrivate());
        signer.update(payload);
        signature = signer.sign();
        cardKey = card.getPublic();

        // Both providers must accept the signature, or the comparison would time a refusal.
        if (!sunEcVerify() || !bouncyCastleVerify()) {
            throw new IllegalStateException("a provider does not verify the benchmark's P-256 signature");
        }
    }

    @Benchmark
    public boolean sunEcVerify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(SUN_EC_NAME);
        verifier.initVerify(cardKey);
        verifier.update(payload);
        return verifier.verify(signature);
    }

    @Benchmark
    public boolean bouncyCastleVerify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(BOUNCY_CASTLE_NAME, bouncyCastle);
        verifier.initVerify(cardKey);
        verifier.update(payload);
        return verifier.verify(signature);
    }
}
