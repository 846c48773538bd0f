package org.staffcard.authenticator.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staffcard.authenticator.validation.RevocationOutcome;
import org.staffcard.benchmarks.FixtureDirectory;
import org.staffcard.benchmarks.MillionEntryCrl;

/**
 * The stored CRL the lookup benchmark and the load report use: built with the entries it promises, read by the
 * product's CRL reader, and reused rather than rebuilt. A thousand entries stand in for the million here, which
 * the same code builds.
 */
class CrlFixtureTest {

    private static final int ENTRIES = 1000;

    @TempDir
    Path directory;

    @AfterEach
    void forgetDirectory() {
        System.clearProperty(FixtureDirectory.PROPERTY);
    }

    @Test
    void storedCrlIsReadByTheProductWithEveryPromisedSerial() throws Exception {
        MillionEntryCrl stored = MillionEntryCrl.obtain(directory, ENTRIES);

        CertificateRevocationList crl = CrlReader.read(Files.readAllBytes(stored.crlFile()), stored.ca());

        assertThat(crl.size()).isEqualTo(ENTRIES);
        assertThat(crl.isRevoked(MillionEntryCrl.revokedSerial(0))).isTrue();
        assertThat(crl.isRevoked(MillionEntryCrl.revokedSerial(ENTRIES - 1))).isTrue();
        assertThat(crl.isRevoked(MillionEntryCrl.goodSerial(ENTRIES / 2))).isFalse();
        assertThat(crl.isRevoked(MillionEntryCrl.revokedSerial(ENTRIES))).isFalse();
    }

    @Test
    void secondRunReusesTheStoredCrlInsteadOfBuildingIt() throws Exception {
        MillionEntryCrl first = MillionEntryCrl.obtain(directory, ENTRIES);
        byte[] written = Files.readAllBytes(first.crlFile());

        MillionEntryCrl second = MillionEntryCrl.obtain(directory, ENTRIES);

        assertThat(first.builtNow()).isTrue();
        assertThat(second.builtNow()).isFalse();
        assertThat(Files.readAllBytes(second.crlFile())).isEqualTo(written);
        assertThat(second.ca()).isEqualTo(first.ca());
    }

    @Test
    void storedCrlCloseToItsNextUpdateIsBuiltAgain() throws Exception {
        MillionEntryCrl first = MillionEntryCrl.obtain(directory, ENTRIES);
        Path manifest = directory.resolve("crl-" + ENTRIES + ".properties");
        String text = Files.readString(manifest).replaceAll("nextUpdate=.*", "nextUpdate=2020-01-01T00\\\\:00\\\\:00Z");
        Files.writeString(manifest, text);

        MillionEntryCrl second = MillionEntryCrl.obtain(directory, ENTRIES);

        assertThat(second.builtNow()).isTrue();
        assertThat(second.ca()).isNotEqualTo(first.ca());
    }

    @Test
    void lookupBenchmarkStateFindsRevokedAndGoodSerials() throws Exception {
        System.setProperty(FixtureDirectory.PROPERTY, directory.toString());
        CrlLookupBenchmark benchmark = new CrlLookupBenchmark();
        benchmark.entries = 100;

        benchmark.load();

        assertThat(benchmark.lookup()).isTrue();
        assertThat(benchmark.lookup()).isFalse();
        assertThat(benchmark.revocationStepOfASignIn().kind())
                .isEqualTo(RevocationOutcome.Kind.GOOD);
    }
}
