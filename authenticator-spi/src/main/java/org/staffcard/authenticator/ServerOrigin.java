package org.staffcard.authenticator;

import java.net.URI;
import java.util.Locale;

/**
 * The web origin of this server as a browser reports it in the {@code Origin} header (RFC 6454): scheme, host and
 * port, the port left out when it is the scheme's default. It is rebuilt from the server's own public address, so
 * the origin covered by the card's signature is the one the browser really talked to, never one a page claims.
 */
final class ServerOrigin {

    private ServerOrigin() {
    }

    static String of(URI baseUri) {
        String scheme = baseUri.getScheme().toLowerCase(Locale.ROOT);
        String host = baseUri.getHost().toLowerCase(Locale.ROOT);
        int port = baseUri.getPort();
        boolean defaultPort = port == -1
                || ("https".equals(scheme) && port == 443)
                || ("http".equals(scheme) && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
