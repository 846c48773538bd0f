package org.staffcard.agent;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the agent. A loopback peer alone proves nothing: any web page the user opens can send requests
 * to 127.0.0.1. So the browser's Origin header must equal an allowed origin exactly, and the Host header must name
 * a loopback address, which a page that rebinds its own DNS name to 127.0.0.1 cannot fake.
 */
final class OriginPolicy {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private final List<String> allowedOrigins;

    OriginPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The Host header names a loopback address, with no port or the agent's own. */
    void checkHost(String host, int agentPort) throws HostNotAllowedException {
        if (host == null || host.isEmpty()) {
            throw new HostNotAllowedException("the request has no Host header");
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (LOOPBACK_HOSTS.contains(lower)) {
            return;
        }
        int colon = lower.lastIndexOf(':');
        if (colon > 0 && LOOPBACK_HOSTS.contains(lower.substring(0, colon))
                && lower.substring(colon + 1).equals(Integer.toString(agentPort))) {
            return;
        }
        throw new HostNotAllowedException("the Host header does not name this loopback agent");
    }

    /** The Origin header equals an allowed origin, character for character; returns it for the CORS answer. */
    String checkOrigin(String origin) throws OriginNotAllowedException {
        if (origin == null || origin.isEmpty() || origin.equals("null")) {
            throw new OriginNotAllowedException("the request carries no usable Origin header");
        }
        if (!allowedOrigins.contains(origin)) {
            throw new OriginNotAllowedException("the origin is not on the agent's allow-list");
        }
        return origin;
    }
}
