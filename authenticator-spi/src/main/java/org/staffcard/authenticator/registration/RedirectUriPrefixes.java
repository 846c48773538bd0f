package org.staffcard.authenticator.registration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The address prefixes an app team may register under, such as {@code https://apps.example.lg.jp/payroll/}. An
 * address is inside a prefix when scheme, host and port are the same and its path starts with the prefix's path,
 * which always ends with "/": so {@code https://apps.example.lg.jp.evil.example/} and
 * {@code https://apps.example.lg.jp/payroll-copy/} are both outside {@code https://apps.example.lg.jp/payroll/}.
 * Addresses are compared as parsed, never as text, and one that climbs out of its path with "..", carries user
 * information or a fragment, or is not absolute is never inside.
 */
final class RedirectUriPrefixes {

    private final List<URI> prefixes;

    private RedirectUriPrefixes(List<URI> prefixes) {
        this.prefixes = prefixes;
    }

    /** @throws IllegalArgumentException naming the first prefix that cannot be used */
    static RedirectUriPrefixes of(List<String> configured) {
        return new RedirectUriPrefixes(configured.stream().map(RedirectUriPrefixes::prefix).toList());
    }

    List<String> describe() {
        return prefixes.stream().map(URI::toString).toList();
    }

    boolean contains(String address) {
        Optional<URI> uri = parse(address);
        return uri.isPresent() && prefixes.stream().anyMatch(prefix -> inside(uri.get(), prefix));
    }

    private static boolean inside(URI uri, URI prefix) {
        return uri.getScheme().equals(prefix.getScheme())
                && uri.getHost().equals(prefix.getHost())
                && effectivePort(uri) == effectivePort(prefix)
                && uri.getRawPath().startsWith(prefix.getRawPath());
    }

    private static URI prefix(String text) {
        Optional<URI> uri = parse(text.trim());
        if (uri.isEmpty() || uri.get().getRawQuery() != null) {
            throw new IllegalArgumentException("'" + text + "' is not an absolute http(s) address without query");
        }
        if (!uri.get().getRawPath().endsWith("/")) {
            throw new IllegalArgumentException("'" + text + "' must end with '/', or it would also admit every "
                    + "path that merely starts with the same letters");
        }
        return uri.get();
    }

    /** Parses an absolute http(s) address into lower-case scheme and host, refusing every form that could mislead. */
    private static Optional<URI> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!uri.normalize().getRawPath().equals(path) || path.contains("%2e") || path.contains("%2E")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(),
                    uri.getPath().isEmpty() ? "/" : uri.getPath(), uri.getQuery(), null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equals("https") ? 443 : 80;
    }
}
