package org.staffcard.virtualcard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes the demo PKI once; its output is committed under {@code src/main/resources/demo/} so the demo card is the
 * same everywhere. Run it again only to replace the demo card on purpose: every enrolment of the old one breaks.
 *
 * <p>Usage: {@code DemoPkiGenerator <output directory> [--force]}
 */
public final class DemoPkiGenerator {

    static final String WARNING = "DEMO ONLY - never trust this CA in production";
    static final String CA_SUBJECT = "CN=Staff Card Demo CA, O=Demo Prefecture, C=JP";
    /** Like a JPKI certificate, the subject names the card, never the person. */
    static final String CARD_SUBJECT = "SERIALNUMBER=DEMO-0001, O=Demo Prefecture, C=JP";
    static final String CARD_USER_ID = "S0012345";
    static final String PIN = "1234";

    private static final Instant CA_NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant CA_NOT_AFTER = Instant.parse("2036-01-01T00:00:00Z");
    private static final Instant CARD_NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant CARD_NOT_AFTER = Instant.parse("2031-01-01T00:00:00Z");

    private DemoPkiGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !"--force".equals(args[1]))) {
            System.err.println("usage: DemoPkiGenerator <output directory> [--force]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        boolean force = args.length == 2;
        List<Path> written = generate(directory, force);
        written.forEach(path -> System.out.println("wrote " + path));
    }

    static List<Path> generate(Path directory, boolean force) throws IOException {
        Path caFile = directory.resolve("demo-ca.pem");
        Path cardFile = directory.resolve("demo-card.pem");
        Path keyFile = directory.resolve("demo-card-key.pem");
        Path propertiesFile = directory.resolve("demo-card.properties");
        List<Path> files = List.of(caFile, cardFile, keyFile, propertiesFile);
        if (!force && files.stream().anyMatch(Files::exists)) {
            throw new IOException("demo PKI files already exist in " + directory
                    + "; replacing them breaks every enrolment of the demo card, pass --force to do it anyway");
        }

        KeyPair caKeys = CertificateIssuer.newRsaKeyPair();
        X509Certificate ca = CertificateIssuer.selfSignedCa(caKeys, CA_SUBJECT, CA_NOT_BEFORE, CA_NOT_AFTER);
        KeyPair cardKeys = CertificateIssuer.newRsaKeyPair();
        X509Certificate card = CertificateIssuer.leaf(ca, caKeys.getPrivate(), cardKeys.getPublic(), CARD_SUBJECT,
                EnumSet.of(CertificateKeyUsage.DIGITAL_SIGNATURE), CARD_NOT_BEFORE, CARD_NOT_AFTER);

        String header = "# " + WARNING + "\n";
        Files.createDirectories(directory);
        Files.writeString(caFile, PemCodec.write(header, ca), StandardCharsets.US_ASCII);
        Files.writeString(cardFile, PemCodec.write(header, card), StandardCharsets.US_ASCII);
        Files.writeString(keyFile, PemCodec.write(header, cardKeys.getPrivate()), StandardCharsets.US_ASCII);
        Files.writeString(propertiesFile, properties(header, card), StandardCharsets.US_ASCII);
        return files;
    }

    private static String properties(String header, X509Certificate card) {
        return header
                + "# The demo card's settings; the demo PIN is printed in the demo banner on purpose.\n"
                + "cardUserId=" + CARD_USER_ID + "\n"
                + "pin=" + PIN + "\n"
                + "freeAreaAid=" + HexFormat.of().withUpperCase().formatHex(FreeAreaLocation.DEMO.aid()) + "\n"
                + "freeAreaFid=" + String.format("%04X", FreeAreaLocation.DEMO.fileId()) + "\n"
                + "certificateSpkiSha256=" + SpkiFingerprint.sha256Hex(card) + "\n";
    }
}
