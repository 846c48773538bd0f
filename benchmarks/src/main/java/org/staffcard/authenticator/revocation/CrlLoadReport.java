package org.staffcard.authenticator.revocation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import org.staffcard.benchmarks.FixtureDirectory;
import org.staffcard.benchmarks.MillionEntryCrl;

/**
 * Loads the stored million-entry CRL the way a server does when the CRL is first needed or refreshed (read the file,
 * check issuer and signature, collect the serials) and prints how long that took and how much heap the loaded CRL
 * keeps. A load happens once per refresh, not per sign-in, so it is timed here rather than under JMH: the first
 * load in a fresh JVM is the number that matters, followed by a few more for comparison once the code is compiled.
 *
 * <p>Run: {@code java -Xmx1g -cp target/benchmarks.jar org.staffcard.authenticator.revocation.CrlLoadReport}
 */
public final class CrlLoadReport {

    private static final int LATER_LOADS = 5;

    private CrlLoadReport() {
    }

    public static void main(String[] args) throws Exception {
        long buildStart = System.nanoTime();
        MillionEntryCrl stored = MillionEntryCrl.obtain(FixtureDirectory.get(), MillionEntryCrl.MILLION);
        long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
        System.out.printf("CRL file: %s (%d bytes, %s in %d ms)%n", stored.crlFile(), Files.size(stored.crlFile()),
                stored.builtNow() ? "built now" : "found stored", buildMillis);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = heapAfterCollection(memory);

        long start = System.nanoTime();
        CertificateRevocationList loaded = load(stored);
        double firstMillis = (System.nanoTime() - start) / 1e6;

        long after = heapAfterCollection(memory);
        double retainedMib = (after - before) / (1024.0 * 1024.0);
        double estimateMib = loaded.revoked().approximateBytes() / (1024.0 * 1024.0);

        double[] laterMillis = new double[LATER_LOADS];
        for (int i = 0; i < LATER_LOADS; i++) {
            long again = System.nanoTime();
            CertificateRevocationList reloaded = load(stored);
            laterMillis[i] = (System.nanoTime() - again) / 1e6;
            requireSameSize(reloaded, loaded);
        }
        Arrays.sort(laterMillis);

        System.out.printf("entries: %d%n", loaded.size());
        System.out.printf("first load (file read + issuer and signature check + serials): %.0f ms%n", firstMillis);
        System.out.printf("later loads, same JVM: min %.0f ms, median %.0f ms, max %.0f ms%n", laterMillis[0],
                laterMillis[LATER_LOADS / 2], laterMillis[LATER_LOADS - 1]);
        System.out.printf("heap retained by the loaded CRL (MemoryMXBean, after System.gc): %.1f MiB%n",
                retainedMib);
        System.out.printf("size of the serial arrays (RevokedSerials.approximateBytes): %.1f MiB%n", estimateMib);
        System.out.printf("still revoked after measuring: %b%n", loaded.isRevoked(MillionEntryCrl.revokedSerial(0)));
    }

    private static CertificateRevocationList load(MillionEntryCrl stored) throws Exception {
        X509Certificate ca = stored.ca();
        return CrlReader.read(Files.readAllBytes(stored.crlFile()), ca);
    }

    private static void requireSameSize(CertificateRevocationList reloaded, CertificateRevocationList first) {
        if (reloaded.size() != first.size()) {
            throw new IllegalStateException("a reload read " + reloaded.size() + " entries, the first " + first.size());
        }
    }

    /** Several collections with pauses, so objects awaiting finalisation or in thread-local buffers are gone. */
    private static long heapAfterCollection(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
