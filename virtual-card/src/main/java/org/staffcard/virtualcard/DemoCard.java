package org.staffcard.virtualcard;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo card: a fixed key, certificate and CA committed under {@code /demo/} so that every demo install, test and
 * screenshot shows the same card user ID and the same certificate. Its private key is public knowledge, so the demo
 * CA must never be a trust anchor outside a demo.
 */
public final class DemoCard {

    public static final String CA_CERTIFICATE_RESOURCE = "/demo/demo-ca.pem";
    public static final String CARD_CERTIFICATE_RESOURCE = "/demo/demo-card.pem";
    public static final String CARD_KEY_RESOURCE = "/demo/demo-card-key.pem";
    public static final String CARD_PROPERTIES_RESOURCE = "/demo/demo-card.properties";

    private DemoCard() {
    }

    public static VirtualJpkiCard newCard() {
        return new VirtualJpkiCard(profile());
    }

    public static VirtualJpkiCard newCard(CardQuirks quirks) {
        return new VirtualJpkiCard(profile(), quirks);
    }

    public static VirtualCardProfile profile() {
        Properties properties = properties();
        FreeAreaLocation freeArea = FreeAreaLocation.parse(properties.getProperty("freeAreaAid"),
                properties.getProperty("freeAreaFid"));
        PrivateKey key = read(CARD_KEY_RESOURCE, PemCodec::readPrivateKey);
        return new VirtualCardProfile(List.of(certificate(), caCertificate()), key,
                properties.getProperty("pin"), properties.getProperty("cardUserId"), Optional.of(freeArea));
    }

    public static X509Certificate certificate() {
        return read(CARD_CERTIFICATE_RESOURCE, PemCodec::readCertificate);
    }

    public static X509Certificate caCertificate() {
        return read(CA_CERTIFICATE_RESOURCE, PemCodec::readCertificate);
    }

    public static String cardUserId() {
        return properties().getProperty("cardUserId");
    }

    /** Lowercase hex SHA-256 of the demo certificate's SubjectPublicKeyInfo, as an enrolment records it. */
    public static String certificateSpkiSha256() {
        return properties().getProperty("certificateSpkiSha256");
    }

    public static Properties properties() {
        try (InputStream in = open(CARD_PROPERTIES_RESOURCE)) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new DemoCardUnavailableException("cannot read " + CARD_PROPERTIES_RESOURCE, e);
        }
    }

    private static <T> T read(String resource, PemReading<T> reading) {
        try (Reader reader = new InputStreamReader(open(resource), StandardCharsets.US_ASCII)) {
            return reading.read(reader);
        } catch (IOException e) {
            throw new DemoCardUnavailableException("cannot read " + resource, e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = DemoCard.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is not on the class path");
        }
        return in;
    }

    @FunctionalInterface
    private interface PemReading<T> {
        T read(Reader reader) throws IOException;
    }
}
