package org.staffcard.virtualcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An independent reader checks the virtual cards: OpenSC's {@code pkcs15-tool}, through the real pcscd and vpcd,
 * must find each card's authentication certificate and read back the very bytes the card holds. Runs only where
 * pcscd with vpcd listens on 127.0.0.1:35963 and OpenSC is installed; run it under the shared reader lock, since
 * the virtual reader holds one card at a time.
 */
class OpenScReadsVirtualCardsTest {

    private static final int VPCD_PORT = Integer.getInteger("staffcard.vpcd.port", VpcdConnection.DEFAULT_PORT);
    /** vpcd names its slots "Virtual PCD 00 00", "Virtual PCD 00 01", ... by port, counting from 35963. */
    private static final String READER_NAME =
            String.format("Virtual PCD 00 %02d", VPCD_PORT - VpcdConnection.DEFAULT_PORT);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CARD_SEEN_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern CERTIFICATE_ID = Pattern.compile("(?m)^\\s*ID\\s*:\\s*([0-9a-fA-F]+)\\s*$");

    @Test
    void openScListsAndReadsTheJpkiCardsAuthenticationCertificate() throws Exception {
        assumeReaderAndOpenSc();
        VirtualJpkiCard card = DemoCard.newCard();

        String listing = listAndRead(card, "User Authentication Certificate", DemoCard.certificate());

        assertThat(listing).contains("User Authentication Certificate CA");
    }

    @Test
    void openScListsAndReadsThePivRsaCardsAuthenticationCertificate() throws Exception {
        assumeReaderAndOpenSc();
        TestPivCard issued = TestCards.issuePiv(PivKeyType.RSA_2048);

        listAndRead(issued.newCard(), "Certificate for PIV Authentication", issued.certificate());
    }

    @Test
    void openScListsAndReadsThePivP256CardsAuthenticationCertificate() throws Exception {
        assumeReaderAndOpenSc();
        TestPivCard issued = TestCards.issuePiv(PivKeyType.ECC_P256);

        listAndRead(issued.newCard(), "Certificate for PIV Authentication", issued.certificate());
    }

    /**
     * Inserts the card, has pkcs15-tool list the certificates and read the one with {@code label}, and compares it
     * with {@code expected}. Answers the listing for further checks.
     */
    private static String listAndRead(VirtualCard card, String label, X509Certificate expected) throws Exception {
        ServedCard served = new ServedCard(card);
        try (VpcdConnection connection = new VpcdConnection(VpcdConnection.DEFAULT_HOST, VPCD_PORT, served,
                line -> { })) {
            connection.start();
            assumeTrue(connection.awaitInserted(Duration.ofSeconds(10)), "vpcd did not accept the card");
            assumeTrue(served.awaitPoweredUp(Duration.ofSeconds(10)), "vpcd at 127.0.0.1:" + VPCD_PORT
                    + " never asked our card for its ATR: another card already sits in the virtual reader");

            String listing = listCertificatesOnceTheCardIsSeen();
            String section = sectionOf(listing, label);
            Matcher id = CERTIFICATE_ID.matcher(section);
            assertThat(id.find()).as("an ID in:%n%s", section).isTrue();

            ToolRun read = run("pkcs15-tool", "--reader", READER_NAME, "--read-certificate", id.group(1));
            assertThat(read.exitCode()).as(read.output()).isZero();
            X509Certificate fromOpenSc = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pemBlock(read.output())));
            assertThat(fromOpenSc.getEncoded()).isEqualTo(expected.getEncoded());
            return listing;
        }
    }

    /** pcscd polls its readers, so the card shows a moment after vpcd took it; until then the tool finds none. */
    private static String listCertificatesOnceTheCardIsSeen() throws Exception {
        long deadline = System.nanoTime() + CARD_SEEN_TIMEOUT.toNanos();
        ToolRun run;
        do {
            run = run("pkcs15-tool", "--reader", READER_NAME, "--list-certificates");
            if (run.exitCode() == 0 && run.output().contains("X.509 Certificate")) {
                return run.output();
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("pkcs15-tool listed no certificate (exit " + run.exitCode() + "):\n" + run.output());
    }

    /** The lines of the listing from the certificate named {@code label} up to the next blank line. */
    private static String sectionOf(String listing, String label) {
        int start = listing.indexOf("X.509 Certificate [" + label + "]");
        assertThat(start).as("OpenSC lists \"%s\" in:%n%s", label, listing).isNotNegative();
        int end = listing.indexOf("\n\n", start);
        return end < 0 ? listing.substring(start) : listing.substring(start, end);
    }

    private static byte[] pemBlock(String output) {
        int begin = output.indexOf("-----BEGIN CERTIFICATE-----");
        int end = output.indexOf("-----END CERTIFICATE-----");
        assertThat(begin).as("a PEM certificate in:%n%s", output).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        return output.substring(begin, end + "-----END CERTIFICATE-----".length()).getBytes(StandardCharsets.US_ASCII);
    }

    private static ToolRun run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + TOOL_TIMEOUT);
        }
        return new ToolRun(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record ToolRun(int exitCode, String output) {
    }

    private static void assumeReaderAndOpenSc() throws IOException {
        assumeTrue(vpcdListens(), "pcscd with vpcd is not listening on 127.0.0.1:" + VPCD_PORT
                + "; start it (bin/prerequisites.sh installs pcscd and vsmartcard-vpcd) to run this test");
        assumeTrue(onPath("pkcs15-tool"), "pkcs15-tool is not installed; install the Debian package opensc");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return List.of(path.split(File.pathSeparator)).stream()
                .map(directory -> Path.of(directory, tool))
                .anyMatch(Files::isExecutable);
    }

    /**
     * Asks the kernel for listening sockets instead of connecting: to vpcd a connection is a card insertion.
     * Port 35963 is 8C7B in /proc/net/tcp; state 0A is LISTEN.
     */
    private static boolean vpcdListens() throws IOException {
        String port = String.format(":%04X ", VPCD_PORT);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Path.of(table);
            if (Files.isReadable(path)) {
                boolean listening = Files.readAllLines(path).stream().skip(1).map(String::trim)
                        .map(line -> line.split("\\s+"))
                        .anyMatch(fields -> (fields[1] + " ").endsWith(port) && "0A".equals(fields[3]));
                if (listening) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The card under test, noting when vpcd first asks for its ATR. vpcd serves one card per slot and leaves a
     * second connection waiting unanswered, so a connected socket alone does not prove the card is in the reader.
     */
    private static final class ServedCard implements VirtualCard {

        private final VirtualCard card;
        private final CountDownLatch poweredUp = new CountDownLatch(1);

        ServedCard(VirtualCard card) {
            this.card = card;
        }

        boolean awaitPoweredUp(Duration timeout) throws InterruptedException {
            return poweredUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public byte[] atr() {
            poweredUp.countDown();
            return card.atr();
        }

        @Override
        public byte[] transmit(byte[] command) {
            return card.transmit(command);
        }

        @Override
        public void reset() {
            card.reset();
        }

        @Override
        public String cardUserId() {
            return card.cardUserId();
        }

        @Override
        public int pinTriesLeft() {
            return card.pinTriesLeft();
        }
    }
}
