package org.staffcard.authenticator.revocation;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Where a CRL is read from: a local file, kept current by the platform, or an http address. */
final class CrlLocation {

    /** A million-entry CRL is about 40 MB in DER; this leaves room and still stops an endless download. */
    static final int MAX_CRL_BYTES = 256 * 1024 * 1024;

    private final URI uri;
    private final Path file;

    private CrlLocation(URI uri, Path file) {
        this.uri = uri;
        this.file = file;
    }

    /** @throws IllegalArgumentException when the text is neither an http address nor an absolute path */
    static CrlLocation of(String text) {
        String trimmed = text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("http://")) {
            URI uri = URI.create(trimmed);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("CRL address '" + text + "' has no host");
            }
            return new CrlLocation(uri, null);
        }
        Path path = Path.of(trimmed);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("CRL location '" + text + "' is neither an http:// address nor an "
                    + "absolute file path");
        }
        return new CrlLocation(null, path);
    }

    byte[] read(RevocationTransport transport) throws RevocationDataException {
        if (uri != null) {
            return transport.get(uri, MAX_CRL_BYTES);
        }
        try {
            if (Files.size(file) > MAX_CRL_BYTES) {
                throw new RevocationDataException("CRL file " + file + " is larger than " + MAX_CRL_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RevocationDataException("CRL file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return uri != null ? uri.toString() : file.toString();
    }
}
