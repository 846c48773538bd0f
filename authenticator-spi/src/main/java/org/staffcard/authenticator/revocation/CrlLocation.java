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

    /**
     * A distribution point is named by the card's CA rather than chosen by the admin, so its download gets a tighter
     * bound: room for a CRL of about a million entries, and no more.
     */
    static final int MAX_DISTRIBUTION_POINT_CRL_BYTES = 64 * 1024 * 1024;

    private final URI uri;
    private final Path file;
    private final int maxBytes;

    private CrlLocation(URI uri, Path file, int maxBytes) {
        this.uri = uri;
        this.file = file;
        this.maxBytes = maxBytes;
    }

    /** An http:// CRL distribution point taken from a card certificate. */
    static CrlLocation distributionPoint(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("CRL distribution point '" + uri + "' is not an http:// address");
        }
        return new CrlLocation(uri, null, MAX_DISTRIBUTION_POINT_CRL_BYTES);
    }

    /** @throws IllegalArgumentException when the text is neither an http address nor an absolute path */
    static CrlLocation of(String text) {
        String trimmed = text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("http://")) {
            URI uri = URI.create(trimmed);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("CRL address '" + text + "' has no host");
            }
            return new CrlLocation(uri, null, MAX_CRL_BYTES);
        }
        Path path = Path.of(trimmed);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("CRL location '" + text + "' is neither an http:// address nor an "
                    + "absolute file path");
        }
        return new CrlLocation(null, path, MAX_CRL_BYTES);
    }

    byte[] read(RevocationTransport transport) throws RevocationDataException {
        if (uri != null) {
            return transport.get(uri, maxBytes);
        }
        try {
            if (Files.size(file) > maxBytes) {
                throw new RevocationDataException("CRL file " + file + " is larger than " + maxBytes + " bytes");
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
