package org.staffcard.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * A large CRL of the benchmark CA, built once with BouncyCastle and stored with its CA, so later runs and JMH's
 * forked JVMs read the file instead of spending ten seconds on building it again. It is rebuilt when it is missing,
 * holds another number of entries, or has less than a week left before its nextUpdate.
 *
 * <p>The revoked serials are {@link #FIRST_SERIAL}, {@code FIRST_SERIAL + STEP}, ...: numbers of the size real CAs
 * give, with gaps, so a serial between two of them is a card in good standing.
 */
public final class MillionEntryCrl {

    public static final int MILLION = 1_000_000;
    public static final long FIRST_SERIAL = 1_000_000_007L;
    public static final long STEP = 3;

    private static final Duration VALID_FOR = Duration.ofDays(60);
    private static final Duration REBUILD_BEFORE_EXPIRY = Duration.ofDays(7);

    private final BenchmarkPki pki;
    private final Path crlFile;
    private final int count;
    private final boolean builtNow;

    private MillionEntryCrl(BenchmarkPki pki, Path crlFile, int count, boolean builtNow) {
        this.pki = pki;
        this.crlFile = crlFile;
        this.count = count;
        this.builtNow = builtNow;
    }

    /** The stored CRL of {@code count} entries in {@code directory}, built first when there is no usable one. */
    public static MillionEntryCrl obtain(Path directory, int count) {
        String stem = "crl-" + count;
        Path crl = directory.resolve(stem + ".crl");
        Path caCertificate = directory.resolve(stem + "-ca.der");
        Path caKey = directory.resolve(stem + "-ca.p8");
        Path manifest = directory.resolve(stem + ".properties");
        try {
            if (usable(manifest, crl, count)) {
                return new MillionEntryCrl(BenchmarkPki.of(readKey(caKey, caCertificate),
                        readCertificate(caCertificate)), crl, count, false);
            }

            BenchmarkPki pki = BenchmarkPki.create("CN=Staff Card Benchmark CRL CA " + count
                    + ",O=Staffcard Benchmark,C=JP");
            byte[] der = pki.crl(FIRST_SERIAL, STEP, count, VALID_FOR);
            Files.write(caKey, pki.caKey().getPrivate().getEncoded());
            Files.write(caCertificate, pki.ca().getEncoded());
            Files.write(crl, der);
            writeManifest(manifest, count, Instant.now().plus(VALID_FOR));
            return new MillionEntryCrl(pki, crl, count, true);
        } catch (IOException e) {
            throw new UncheckedIOException("the stored CRL in " + directory + " cannot be used", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored CRL's CA in " + directory + " cannot be read", e);
        }
    }

    public BenchmarkPki pki() {
        return pki;
    }

    public X509Certificate ca() {
        return pki.ca();
    }

    public Path crlFile() {
        return crlFile;
    }

    public int count() {
        return count;
    }

    /** Whether this call built the CRL rather than finding it stored. */
    public boolean builtNow() {
        return builtNow;
    }

    /** The {@code index}-th revoked serial, from 0 to {@code count - 1}. */
    public static BigInteger revokedSerial(long index) {
        return BigInteger.valueOf(FIRST_SERIAL + index * STEP);
    }

    /** A serial just after the {@code index}-th revoked one: inside the listed range, yet not revoked. */
    public static BigInteger goodSerial(long index) {
        return BigInteger.valueOf(FIRST_SERIAL + index * STEP + 1);
    }

    private static boolean usable(Path manifest, Path crl, int count) throws IOException {
        if (!Files.exists(manifest) || !Files.exists(crl)) {
            return false;
        }
        Properties stored = new Properties();
        try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            stored.load(reader);
        }
        boolean sameSize = Integer.toString(count).equals(stored.getProperty("entries"));
        Instant nextUpdate = Instant.parse(stored.getProperty("nextUpdate", Instant.EPOCH.toString()));
        return sameSize && Instant.now().plus(REBUILD_BEFORE_EXPIRY).isBefore(nextUpdate);
    }

    private static void writeManifest(Path manifest, int count, Instant nextUpdate) throws IOException {
        Properties stored = new Properties();
        stored.setProperty("entries", Integer.toString(count));
        stored.setProperty("firstSerial", Long.toString(FIRST_SERIAL));
        stored.setProperty("step", Long.toString(STEP));
        stored.setProperty("nextUpdate", nextUpdate.toString());
        try (Writer writer = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
            stored.store(writer, "benchmark CRL, rebuilt when missing or near its nextUpdate");
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static KeyPair readKey(Path keyFile, Path certificateFile) throws IOException, GeneralSecurityException {
        X509Certificate certificate = readCertificate(certificateFile);
        return new KeyPair(certificate.getPublicKey(), KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keyFile))));
    }
}
